using System;
using TokenLab.Client.Realtime;

namespace TokenLab.PowerShell.Output
{
    /// <summary>
    /// A realtime session opened by Start-TokenLabRealtime. Its properties are live: State, the counts, the
    /// usage and the close details follow the session as events flow and when it closes.
    /// </summary>
    public sealed class TokenLabRealtimeSession
    {
        internal TokenLabRealtimeSession(RealtimeSession session, Uri baseUri)
        {
            Session = session;
            BaseUri = baseUri;
        }

        /// <summary>session.id from session.created; empty until it arrives.</summary>
        public string? SessionId => Session.SessionId;

        /// <summary>The model of the session.</summary>
        public string Model => Session.Model;

        /// <summary>Open, Closing or Closed. A closed session is never reopened.</summary>
        public RealtimeSessionState State => Session.State;

        /// <summary>When the WebSocket opened.</summary>
        public DateTimeOffset OpenedAt => Session.OpenedAt;

        /// <summary>When the session closed.</summary>
        public DateTimeOffset? ClosedAt => Session.ClosedAt;

        /// <summary>Events sent (each audio chunk counts).</summary>
        public long EventsSent => Session.EventsSent;

        /// <summary>Events received, read or not.</summary>
        public long EventsReceived => Session.EventsReceived;

        /// <summary>Events received and not yet read by Receive-TokenLabRealtimeEvent.</summary>
        public int BufferedEvents => Session.BufferedEvents;

        /// <summary>Events that arrived after Stop-TokenLabRealtime asked to close, found the buffer full and were dropped.</summary>
        public long DroppedEvents => Session.DroppedEvents;

        /// <summary>The usage of every response.done so far, summed.</summary>
        public RealtimeUsage Usage => Session.Usage;

        /// <summary>The close status: the server's, 1000 after Stop-TokenLabRealtime, 1006 when the connection was lost.</summary>
        public int? CloseStatus => Session.CloseStatus;

        /// <summary>The close description, or what happened to a lost connection.</summary>
        public string? CloseDescription => Session.CloseDescription;

        /// <summary>ClosedByClient, ClosedByServer or ConnectionLost; empty while open.</summary>
        public RealtimeCloseReason? CloseReason => Session.CloseReason;

        /// <summary>Ga or Beta: the event names and session shape the model speaks.</summary>
        public RealtimeDialect Dialect => Session.Dialect;

        /// <summary>The request ID of the WebSocket upgrade, to quote to TokenLab support.</summary>
        public string? RequestId => Session.RequestId;

        /// <summary>The API root the session was opened against.</summary>
        public Uri BaseUri { get; }

        internal RealtimeSession Session { get; }

        /// <inheritdoc />
        public override string ToString() => Session.ToString();
    }
}
