using System.Management.Automation;
using TokenLab.Client.Realtime;
using TokenLab.PowerShell.Completers;
using TokenLab.PowerShell.Context;
using TokenLab.PowerShell.Infrastructure;
using TokenLab.PowerShell.Output;
using TokenLab.PowerShell.Realtime;

namespace TokenLab.PowerShell.Commands
{
    /// <summary>
    /// Closes realtime sessions with status 1000 and returns them, closed. Events not yet received stay
    /// readable. A session the server closed already is just returned. Ctrl+C stops waiting for the server's
    /// answer and drops the connection.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "TokenLabRealtime", SupportsShouldProcess = true)]
    [OutputType(typeof(TokenLabRealtimeSession))]
    public sealed class StopTokenLabRealtimeCommand : TokenLabCmdlet
    {
        /// <summary>The session (from Start-TokenLabRealtime or Get-TokenLabRealtime), or its session ID.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [RealtimeSessionTransformation]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(RealtimeSessionIdCompleter))]
        public TokenLabRealtimeSession? Session { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (!ShouldProcess(Session!.SessionId ?? Session.Model, "Close the realtime session"))
            {
                return;
            }

            RealtimeSession session = Session.Session;
            try
            {
                RunAsync(async (_, token) =>
                {
                    await session.CloseAsync(token).ConfigureAwait(false);
                    return true;
                });
            }
            finally
            {
                // Also after Ctrl+C, which gives up waiting for the server's answer: the session is over either way.
                session.Dispose();
                RealtimeSessionRegistry.Remove(Session);
            }

            WriteVerbose("Realtime session " + Session.SessionId + " is closed (" + session.CloseReason + ", status " + session.CloseStatus + ").");
            WriteObject(Session);
        }
    }
}
