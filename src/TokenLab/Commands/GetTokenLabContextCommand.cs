using System.Management.Automation;
using TokenLab.Client;
using TokenLab.PowerShell.Context;
using TokenLab.PowerShell.Infrastructure;
using TokenLab.PowerShell.Output;

namespace TokenLab.PowerShell.Commands
{
    /// <summary>
    /// Shows the settings TokenLab commands use in this runspace and where each came from, with
    /// the key masked. Reads no vault: an opted-in SecretManagement secret is named, not fetched.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TokenLabContext")]
    [OutputType(typeof(TokenLabContextInfo))]
    public sealed class GetTokenLabContextCommand : TokenLabCmdlet
    {
        /// <inheritdoc />
        protected override void EndProcessing()
        {
            try
            {
                WriteObject(TokenLabContextInfo.Describe(ContextStore.Current));
            }
            catch (TokenLabConfigurationException ex)
            {
                ThrowTokenLabError(ex, null);
            }
        }
    }
}
