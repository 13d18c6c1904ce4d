using System.Text.Json;
using TokenLab.Client.Json;

namespace TokenLab.Client.Realtime
{
    /// <summary>
    /// A realtime upgrade answered with a success status instead of 101: the server never switched to WebSocket.
    /// TokenLab answers a plain GET /v1/realtime with 200 and its endpoint metadata, so this is what a client sees
    /// when a proxy on the way drops the Upgrade header.
    /// </summary>
    internal static class UnswitchedUpgrade
    {
        /// <summary>The error for the answer; secrets are redacted from what the body contributes.</summary>
        public static TokenLabProtocolException Describe(int status, string? body, string? requestId, SecretRedactor redactor)
        {
            string? websocketUrl = WebSocketUrl(body);
            string message = "The server answered the realtime WebSocket upgrade with " + status
                + " instead of 101 Switching Protocols: it did not switch protocols, so no session was opened. A proxy between here and TokenLab"
                + " probably dropped the Upgrade header (use a proxy that passes WebSockets through, or none)"
                + (websocketUrl is null ? "." : "; the server described its realtime endpoint instead, websocket_url " + websocketUrl + ".")
                + (requestId is null ? string.Empty : " (request ID " + requestId + ")");
            return new TokenLabProtocolException(redactor.Redact(message), requestId, null);
        }

        private static string? WebSocketUrl(string? body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return null;
            }

            try
            {
                using (JsonDocument document = JsonDocument.Parse(body!))
                {
                    return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.GetStringOrNull("websocket_url") : null;
                }
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
