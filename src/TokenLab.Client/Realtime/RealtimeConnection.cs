using System.Net.Http;
using System.Net.WebSockets;

namespace TokenLab.Client.Realtime
{
    /// <summary>An open WebSocket, the handler under it (null on .NET Framework), the upgrade's request ID, and the client's redactor.</summary>
    internal sealed class RealtimeConnection
    {
        public RealtimeConnection(ClientWebSocket socket, HttpMessageInvoker? invoker, string? requestId, SecretRedactor redactor)
        {
            Socket = socket;
            Invoker = invoker;
            RequestId = requestId;
            Redactor = redactor;
        }

        public ClientWebSocket Socket { get; }

        public HttpMessageInvoker? Invoker { get; }

        public string? RequestId { get; }

        /// <summary>For what the server sends that may echo the key: error events and close descriptions.</summary>
        public SecretRedactor Redactor { get; }
    }
}
