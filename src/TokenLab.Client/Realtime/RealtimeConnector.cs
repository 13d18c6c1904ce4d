using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.WebSockets;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client.Diagnostics;
using TokenLab.Client.Http;

namespace TokenLab.Client.Realtime
{
    /// <summary>
    /// Opens the realtime WebSocket with the Bearer key and the client's proxy settings. On .NET 7+ the
    /// handshake runs through the same handler as HTTP calls (found by reflection: this library targets
    /// netstandard2.0), so the proxy applies alike and a rejected upgrade reports its status, error code,
    /// message and request ID. On .NET Framework ClientWebSocket's own proxy option is used.
    /// </summary>
    internal sealed class RealtimeConnector
    {
        private static readonly Func<ClientWebSocket, Uri, HttpMessageInvoker, CancellationToken, Task>? ConnectWithInvoker = FindConnectWithInvoker();

        private readonly string? apiKey;
        private readonly RequestHeaders headers;
        private readonly TokenLabProxySettings? proxy;
        private readonly TimeSpan timeout;
        private readonly TimeSpan keepAlive;
        private readonly ClientTrace trace;

        public RealtimeConnector(string? apiKey, RequestHeaders headers, TokenLabProxySettings? proxy, TimeSpan timeout, TimeSpan keepAlive, ClientTrace trace)
        {
            this.apiKey = apiKey;
            this.headers = headers;
            this.proxy = proxy;
            this.timeout = timeout;
            this.keepAlive = keepAlive;
            this.trace = trace;
        }

        /// <exception cref="TokenLabApiException">The server rejected the upgrade (400, 401, 402, 403, 429, …).</exception>
        /// <exception cref="TokenLabConnectionException">No connection (network, DNS, proxy, TLS).</exception>
        /// <exception cref="TokenLabTimeoutException">The handshake took longer than the timeout.</exception>
        public async Task<RealtimeConnection> ConnectAsync(Uri uri, CancellationToken cancellationToken)
        {
            var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = keepAlive;
            HandshakeCaptureHandler? capture = null;
            HttpMessageInvoker? invoker = null;
            var scope = new CallScope(timeout, cancellationToken);
            try
            {
                if (ConnectWithInvoker != null)
                {
                    capture = new HandshakeCaptureHandler(HttpHandlerFactory.Create(proxy), headers, trace, apiKey);
                    invoker = new HttpMessageInvoker(capture, disposeHandler: true);
                    await ConnectWithInvoker(socket, uri, invoker, scope.Token).ConfigureAwait(false);
                    return new RealtimeConnection(socket, invoker, capture.RequestId);
                }

                await ConnectOnFrameworkAsync(socket, uri, scope.Token).ConfigureAwait(false);
                return new RealtimeConnection(socket, null, null);
            }
            catch (Exception ex) when (!(ex is TokenLabException))
            {
                socket.Dispose();
                invoker?.Dispose();
                if (scope.IsCancelled)
                {
                    throw scope.CancellationFailure(ex, null);
                }

                throw capture?.Rejection
                    ?? WebResponseRejection.Find(ex, scope.Elapsed, apiKey)
                    ?? (Exception)new TokenLabConnectionException(
                        ApiKeyMask.Redact("Could not open the realtime WebSocket to " + uri.GetLeftPart(UriPartial.Authority) + ": " + Describe(ex), apiKey),
                        ex);
            }
            finally
            {
                scope.Dispose();
            }
        }

        private async Task ConnectOnFrameworkAsync(ClientWebSocket socket, Uri uri, CancellationToken cancellationToken)
        {
            if (apiKey != null)
            {
                socket.Options.SetRequestHeader("Authorization", "Bearer " + apiKey);
            }

            if (WebSocketProxy() is IWebProxy webProxy)
            {
                socket.Options.Proxy = webProxy;
            }

            // ClientWebSocket on .NET Framework follows ServicePointManager, whose default may lack TLS 1.2;
            // adding it (never removing a protocol) is the only way to reach a wss:// endpoint there.
            if (uri.Scheme == "wss" && ServicePointManager.SecurityProtocol != 0)
            {
                ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
            }

            trace.Verbose("GET " + uri.AbsoluteUri + " (WebSocket upgrade)");
            var clock = Stopwatch.StartNew();
            await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
            trace.Verbose("101 Switching Protocols in " + DurationText.Format(clock.Elapsed));
        }

        /// <summary>The proxy for ClientWebSocket's own option: an explicit one, or the system proxy with credentials; null for the default.</summary>
        private IWebProxy? WebSocketProxy()
        {
            ICredentials? credentials = proxy?.Credential
                ?? (proxy?.UseDefaultCredentials == true ? CredentialCache.DefaultCredentials : null);
            if (proxy?.Address is Uri address)
            {
                return new WebProxy(address) { Credentials = credentials };
            }

            return credentials != null && WebRequest.DefaultWebProxy is IWebProxy system
                ? new SystemProxyWithCredentials(system, credentials)
                : null;
        }

        private static string Describe(Exception failure)
        {
            string detail = failure.Message;
            string cause = failure.GetBaseException().Message;
            return cause == detail ? detail : detail + " (" + cause + ")";
        }

        private static Func<ClientWebSocket, Uri, HttpMessageInvoker, CancellationToken, Task>? FindConnectWithInvoker()
        {
            MethodInfo? method = typeof(ClientWebSocket).GetMethod(
                nameof(ClientWebSocket.ConnectAsync), new[] { typeof(Uri), typeof(HttpMessageInvoker), typeof(CancellationToken) });
            return method is null
                ? null
                : (Func<ClientWebSocket, Uri, HttpMessageInvoker, CancellationToken, Task>)Delegate.CreateDelegate(
                    typeof(Func<ClientWebSocket, Uri, HttpMessageInvoker, CancellationToken, Task>), method);
        }
    }
}
