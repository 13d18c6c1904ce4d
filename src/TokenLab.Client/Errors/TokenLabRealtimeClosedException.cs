using System.Globalization;
using TokenLab.Client.Realtime;

namespace TokenLab.Client
{
    /// <summary>The realtime session is closed: nothing more can be sent, and it is never reopened.</summary>
    public sealed class TokenLabRealtimeClosedException : TokenLabException
    {
        /// <summary>Describes a closed session; public so hosts can report a close the way the client does.</summary>
        public TokenLabRealtimeClosedException(RealtimeCloseReason reason, int? closeStatus, string? closeDescription, string? requestId)
            : base(BuildMessage(reason, closeStatus, closeDescription), requestId, null)
        {
            Reason = reason;
            CloseStatus = closeStatus;
            CloseDescription = closeDescription;
        }

        /// <summary>Who or what closed the session.</summary>
        public RealtimeCloseReason Reason { get; }

        /// <summary>The WebSocket close status (1006 when the connection was lost without a close frame).</summary>
        public int? CloseStatus { get; }

        /// <summary>The close description the server gave, or what happened to the connection.</summary>
        public string? CloseDescription { get; }

        private static string BuildMessage(RealtimeCloseReason reason, int? status, string? description)
        {
            string code = status?.ToString(CultureInfo.InvariantCulture) ?? "unknown";
            string detail = string.IsNullOrEmpty(description) ? string.Empty : " (" + description + ")";
            return reason switch
            {
                RealtimeCloseReason.ClosedByServer => "The realtime session was closed by the server with status " + code + detail + ".",
                RealtimeCloseReason.ConnectionLost => "The realtime session's connection was lost without a close frame" + detail + ".",
                _ => "The realtime session is closed (closed by this client with status " + code + ").",
            };
        }
    }
}
