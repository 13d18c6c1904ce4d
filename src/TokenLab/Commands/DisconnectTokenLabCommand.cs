using System.Management.Automation;
using TokenLab.PowerShell.Context;
using TokenLab.PowerShell.Infrastructure;

namespace TokenLab.PowerShell.Commands
{
    /// <summary>Forgets the settings and key Connect-TokenLab holds for this runspace. Vaults are not touched.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "TokenLab")]
    [OutputType(typeof(void))]
    public sealed class DisconnectTokenLabCommand : TokenLabCmdlet
    {
        /// <inheritdoc />
        protected override void EndProcessing()
        {
            WriteVerbose(ContextStore.Clear()
                ? "Forgot the TokenLab context of this runspace."
                : "There was no TokenLab context in this runspace.");
        }
    }
}
