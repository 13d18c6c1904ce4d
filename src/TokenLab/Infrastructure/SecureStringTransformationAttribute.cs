using System.Management.Automation;
using System.Security;
using TokenLab.PowerShell.Credentials;

namespace TokenLab.PowerShell.Infrastructure
{
    /// <summary>
    /// Lets -ApiKey take a plain string as well as a SecureString (as Invoke-RestMethod's -Token
    /// does not, to users' annoyance); the value is held as a SecureString from binding onwards.
    /// </summary>
    internal sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            return value switch
            {
                SecureString secure => secure,
                PSCredential credential => credential.Password,
                string text => SecureStringConvert.FromPlainText(text),
                _ => inputData,
            };
        }
    }
}
