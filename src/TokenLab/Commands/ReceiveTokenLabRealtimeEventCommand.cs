using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client;
using TokenLab.Client.Realtime;
using TokenLab.PowerShell.Completers;
using TokenLab.PowerShell.Errors;
using TokenLab.PowerShell.Infrastructure;
using TokenLab.PowerShell.Output;
using TokenLab.PowerShell.Realtime;

namespace TokenLab.PowerShell.Commands
{
    /// <summary>
    /// Writes the events a realtime session received to the pipeline as they arrive, typed (or as JSON with
    /// -Raw). Stops at -Until, at -TimeoutSec, when the session closes, or on Ctrl+C; the session stays open.
    /// Error events become non-terminating errors, and so does -TimeoutSec running out before the -Until event.
    /// </summary>
    [Cmdlet(VerbsCommunications.Receive, "TokenLabRealtimeEvent")]
    [OutputType(typeof(TokenLabRealtimeEvent), typeof(string))]
    public sealed class ReceiveTokenLabRealtimeEventCommand : TokenLabCmdlet
    {
        /// <summary>The session (from Start-TokenLabRealtime or Get-TokenLabRealtime), or its session ID.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [RealtimeSessionTransformation]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(RealtimeSessionIdCompleter))]
        public TokenLabRealtimeSession? Session { get; set; }

        /// <summary>Writes only events of these types (wildcards; GA and beta names alike). Others are read and passed over.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RealtimeEventTypeCompleter))]
        public string[]? Type { get; set; }

        /// <summary>Stops after the first event of one of these types (wildcards; GA and beta names alike).</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RealtimeEventTypeCompleter))]
        public string[]? Until { get; set; }

        /// <summary>Stops after this many seconds; 0 writes only what has arrived already.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int TimeoutSec { get; set; }

        /// <summary>Writes each event's JSON text instead of a typed object.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            RealtimeSession session = Session!.Session;
            RealtimeTypePattern? wanted = Type is null ? null : new RealtimeTypePattern(Type);
            RealtimeTypePattern? last = Until is null ? null : new RealtimeTypePattern(Until);
            TimeSpan? limit = IsBound(nameof(TimeoutSec)) ? TimeSpan.FromSeconds(TimeoutSec) : (TimeSpan?)null;
            bool verbose = WantsTrace;
            var clock = Stopwatch.StartNew();
            while (true)
            {
                if (session.TryReceive(out RealtimeEvent? received))
                {
                    Write(received!, wanted, verbose);
                    if (last?.Matches(received!) == true)
                    {
                        return;
                    }

                    continue;
                }

                TimeSpan? left = limit - clock.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    ReportTimeout();
                    return;
                }

                if (!RunAsync((_, token) => WaitAsync(session, left, token)) && session.State == RealtimeSessionState.Closed && session.BufferedEvents == 0)
                {
                    ReportClose(session);
                    return;
                }
            }
        }

        /// <summary>True once an event waits; false at the end of a closed session or when the time is up.</summary>
        private static async Task<bool> WaitAsync(RealtimeSession session, TimeSpan? left, CancellationToken token)
        {
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(token))
            {
                if (left is TimeSpan time)
                {
                    wait.CancelAfter(time);
                }

                try
                {
                    return await session.WaitToReceiveAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested)
                {
                    return false;
                }
            }
        }

        private void Write(RealtimeEvent received, RealtimeTypePattern? wanted, bool verbose)
        {
            // Built only when shown: a busy session writes tens of thousands of events a second.
            if (verbose)
            {
                WriteVerbose("Received " + (received.Type.Length == 0 ? "an unreadable message" : received.Type) + " (#" + received.Sequence.ToString(CultureInfo.InvariantCulture) + ")");
            }

            if (received.ParseError != null)
            {
                WriteError(ErrorRecordFactory.Create(new FormatException("Realtime session " + Session!.SessionId + " received an unreadable message: " + received.ParseError),
                    ErrorIds.ProtocolError, ErrorCategory.ProtocolError, Session, "Receive-TokenLabRealtimeEvent -Raw shows the messages as received."));
            }
            else if (received.Error != null)
            {
                WriteError(RealtimeErrorRecords.FromErrorEvent(received.Error, Session!.SessionId, Session));
            }
            else if (wanted is null || wanted.Matches(received))
            {
                WriteObject(Raw.IsPresent ? (object)received.Json : new TokenLabRealtimeEvent(received, Session!.SessionId));
            }
        }

        /// <summary>
        /// The time is up. Without -Until that is how the call ends; with it, the awaited event never came, which a runbook
        /// must be able to tell from completion: a non-terminating error, after the events that did arrive.
        /// </summary>
        private void ReportTimeout()
        {
            string stopped = string.Format(CultureInfo.InvariantCulture, "-TimeoutSec {0}", TimeoutSec);
            if (Until is null)
            {
                WriteVerbose("Stopped after " + stopped + "; the session stays open.");
                return;
            }

            var timeout = new TimeoutException("Realtime session " + Session!.SessionId + ": no " + string.Join(" or ", Until) + " event arrived within "
                + stopped + ". The events that did arrive were written; the session stays open.");
            WriteError(ErrorRecordFactory.Create(timeout, ErrorIds.RealtimeWaitTimedOut, ErrorCategory.OperationTimeout, Session,
                "Raise -TimeoutSec, or call Receive-TokenLabRealtimeEvent again: later events wait for the next call."));
        }

        /// <summary>Says how the session ended, once every buffered event has been written.</summary>
        private void ReportClose(RealtimeSession session)
        {
            string closed = "Realtime session " + session.SessionId + " was closed";
            switch (session.CloseReason)
            {
                case RealtimeCloseReason.ConnectionLost:
                    WriteError(RealtimeErrorRecords.SessionClosed(session, Session));
                    break;
                case RealtimeCloseReason.ClosedByServer when session.CloseStatus != 1000:
                    WriteWarning(closed + " by the server with status " + session.CloseStatus + Describe(session)
                        + ". Start a new session to go on; the module does not reconnect.");
                    break;
                case RealtimeCloseReason.ClosedByServer:
                    WriteVerbose(closed + " by the server with status 1000" + Describe(session) + ".");
                    break;
                default:
                    WriteVerbose(closed + " by this client.");
                    break;
            }
        }

        private static string Describe(RealtimeSession session) =>
            string.IsNullOrEmpty(session.CloseDescription) ? string.Empty : " (" + session.CloseDescription + ")";
    }
}
