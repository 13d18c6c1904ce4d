using System.Net.Http;
using System.Net.WebSockets;

namespace TokenLab.Client.Realtime
{
    /// <summary>An open WebSocket, the handler under it (null on .NET Framework) and the upgrade's request ID.</summary>
    internal sealed class RealtimeConnection
    {
        public RealtimeConnection(ClientWebSocket socket, HttpMessageInvoker? invoker, string? requestId)
        {
            Socket = socket;
            Invoker = invoker;
            RequestId = requestId;
        }

        public ClientWebSocket Socket { get; }

        public HttpMessageInvoker? Invoker { get; }

        public string? RequestId { get; }
    }
}
