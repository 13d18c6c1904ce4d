using System.Linq;
using System.Management.Automation;
using TokenLab.PowerShell.Context;
using TokenLab.PowerShell.Output;

namespace TokenLab.PowerShell.Realtime
{
    /// <summary>Lets -Session take a session ID (sess_…) as well as the session object: the ID is looked up among this runspace's sessions.</summary>
    internal sealed class RealtimeSessionTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string id)
            {
                return RealtimeSessionRegistry.List().FirstOrDefault(s => s.SessionId == id)
                    ?? throw new ArgumentTransformationMetadataException(
                        "No realtime session '" + id + "' in this PowerShell session: Get-TokenLabRealtime lists them.");
            }

            return inputData;
        }
    }
}
