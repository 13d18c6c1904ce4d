using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client.Diagnostics;
using TokenLab.Client.Http;

namespace TokenLab.Client.Realtime
{
    /// <summary>
    /// Opens the realtime WebSocket with the Bearer key and the client's proxy. On .NET 7+ the
    /// handshake runs through the same handler as HTTP calls (found by reflection: this library targets
    /// netstandard2.0), so the proxy applies alike and a rejected upgrade reports its status, error code,
    /// message and request ID. On .NET Framework ClientWebSocket makes its own handshake with its own proxy
    /// option, and a rejection is read from the WebException it carries.
    /// </summary>
    internal sealed class RealtimeConnector
    {
        private readonly SecretRedactor redactor;
        private readonly RequestHeaders headers;
        private readonly KeyDestination destination;
        private readonly TokenLabProxySettings? proxy;
        private readonly TimeSpan timeout;
        private readonly TimeSpan keepAlive;
        private readonly ClientTrace trace;
        private readonly TransportPlatform platform;

        public RealtimeConnector(SecretRedactor redactor, RequestHeaders headers, KeyDestination destination, TokenLabProxySettings? proxy, TimeSpan timeout, TimeSpan keepAlive, ClientTrace trace, TransportPlatform platform)
        {
            this.redactor = redactor;
            this.headers = headers;
            this.destination = destination;
            this.proxy = proxy;
            this.timeout = timeout;
            this.keepAlive = keepAlive;
            this.trace = trace;
            this.platform = platform;
        }

        /// <exception cref="TokenLabConfigurationException">The key may not go to <paramref name="uri"/> (see <see cref="KeyDestination"/>).</exception>
        /// <exception cref="TokenLabApiException">The server rejected the upgrade (400, 401, 402, 403, 429, ...).</exception>
        /// <exception cref="TokenLabConnectionException">No connection (network, DNS, proxy, TLS), or no WebSocket client in this Windows.</exception>
        /// <exception cref="TokenLabTimeoutException">The handshake took longer than the timeout.</exception>
        public async Task<RealtimeConnection> ConnectAsync(Uri uri, CancellationToken cancellationToken)
        {
            destination.EnsureAllowed(uri);
            ClientWebSocket socket = CreateSocket();
            socket.Options.KeepAliveInterval = keepAlive;
            HandshakeCaptureHandler? capture = null;
            HttpMessageInvoker? invoker = null;
            var scope = new CallScope(timeout, cancellationToken);
            try
            {
                if (platform.ConnectWithInvoker is { } connectWithInvoker)
                {
                    capture = new HandshakeCaptureHandler(HttpHandlerFactory.Create(proxy, platform), headers, trace, redactor);
                    invoker = new HttpMessageInvoker(capture, disposeHandler: true);
                    await connectWithInvoker(socket, uri, invoker, scope.Token).ConfigureAwait(false);
                    return new RealtimeConnection(socket, invoker, capture.RequestId, redactor);
                }

                await ConnectOnFrameworkAsync(socket, uri, scope.Token).ConfigureAwait(false);
                return new RealtimeConnection(socket, null, null, redactor);
            }
            catch (Exception ex) when (!(ex is TokenLabException))
            {
                // Decided before the socket is disposed: a rejection's WebException.Response may not outlive it.
                Exception failure = scope.IsCancelled
                    ? scope.CancellationFailure(ex, null)
                    : capture?.Rejection ?? (Exception?)FrameworkRejection(ex, scope.Elapsed) ?? ConnectionFailure(uri, ex);
                socket.Dispose();
                invoker?.Dispose();
                throw failure;
            }
            finally
            {
                scope.Dispose();
            }
        }

        private ClientWebSocket CreateSocket()
        {
            try
            {
                return platform.CreateWebSocket();
            }
            catch (PlatformNotSupportedException ex)
            {
                throw new TokenLabConnectionException(
                    "Realtime sessions need the WebSocket client of Windows, which this version of Windows does not have "
                    + "(.NET Framework has one from Windows 8 and Windows Server 2012 on). The other TokenLab cmdlets work here.",
                    ex);
            }
        }

        private async Task ConnectOnFrameworkAsync(ClientWebSocket socket, Uri uri, CancellationToken cancellationToken)
        {
            using (var upgrade = new HttpRequestMessage(HttpMethod.Get, uri))
            {
                // The same headers as every other request, as far as ClientWebSocket lets them through: .NET
                // Framework's refuses the ones it reserves for HttpWebRequest properties (User-Agent, Accept).
                headers.Apply(upgrade);
                foreach (KeyValuePair<string, IEnumerable<string>> header in upgrade.Headers.ToArray())
                {
                    try
                    {
                        socket.Options.SetRequestHeader(header.Key, string.Join(" ", header.Value));
                    }
                    catch (ArgumentException)
                    {
                        upgrade.Headers.Remove(header.Key);
                        trace.Verbose("This runtime's WebSocket client does not send a " + header.Key + " header.");
                    }
                }

                trace.Request(upgrade);
            }

            if (KeySafeProxy.Create(proxy, platform.SystemProxy) is IWebProxy webProxy)
            {
                socket.Options.Proxy = webProxy;
            }

            var clock = Stopwatch.StartNew();
            await platform.ConnectWebSocket(socket, uri, cancellationToken).ConfigureAwait(false);
            trace.Verbose("101 Switching Protocols in " + DurationText.Format(clock.Elapsed)
                + " (.NET Framework's WebSocket client does not show the response headers, so no request ID)");
        }

        private TokenLabApiException? FrameworkRejection(Exception failure, TimeSpan elapsed)
        {
            TokenLabApiException? rejection = WebResponseRejection.Find(failure, elapsed, redactor);
            if (rejection != null)
            {
                trace.Verbose(rejection.StatusCode.ToString(CultureInfo.InvariantCulture) + " in " + DurationText.Format(elapsed)
                    + (rejection.RequestId is null ? string.Empty : ", request ID " + rejection.RequestId));
            }

            return rejection;
        }

        private TokenLabConnectionException ConnectionFailure(Uri uri, Exception failure)
        {
            string message = "Could not open the realtime WebSocket to " + uri.GetLeftPart(UriPartial.Authority) + ": " + Describe(failure);

            // ClientWebSocket on .NET Framework follows the process-wide ServicePointManager, which the module
            // never changes (that would change it for every other module in the session).
            SecurityProtocolType processProtocols = platform.ProcessSecurityProtocols;
            if (platform.ConnectWithInvoker is null && uri.Scheme == "wss" && HttpHandlerFactory.LacksTls12(processProtocols))
            {
                message += ". This session offers only " + processProtocols + " for TLS, and TokenLab needs TLS 1.2: run "
                    + "[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor 'Tls12' "
                    + "in the session, or let .NET Framework use the system's TLS versions (SchUseStrongCrypto).";
            }

            return new TokenLabConnectionException(redactor.Redact(message), failure);
        }

        private static string Describe(Exception failure)
        {
            string detail = failure.Message;
            string cause = failure.GetBaseException().Message;
            return cause == detail ? detail : detail + " (" + cause + ")";
        }
    }
}
