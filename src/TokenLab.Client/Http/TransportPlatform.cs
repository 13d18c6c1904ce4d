using System;
using System.Net;
using System.Net.Http;
using System.Net.WebSockets;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace TokenLab.Client.Http
{
    /// <summary>
    /// What the running .NET offers the transport, found once by runtime checks: .NET (Core) has
    /// SocketsHttpHandler and, from .NET 7, a WebSocket handshake through an HttpMessageInvoker; .NET
    /// Framework has neither. Internal and injectable so that tests on .NET 10 run the .NET Framework
    /// configuration code (<see cref="NetFramework"/>).
    /// </summary>
    internal sealed class TransportPlatform
    {
        private readonly Func<SecurityProtocolType> processSecurityProtocols;
        private readonly Func<ClientWebSocket> createWebSocket;
        private readonly IWebProxy? systemProxy;

        private TransportPlatform(
            Type? socketsHandlerType,
            Func<ClientWebSocket, Uri, HttpMessageInvoker, CancellationToken, Task>? connectWithInvoker,
            Func<SecurityProtocolType> processSecurityProtocols,
            Func<ClientWebSocket> createWebSocket,
            Func<ClientWebSocket, Uri, CancellationToken, Task> connectWebSocket,
            IWebProxy? systemProxy = null)
        {
            SocketsHandlerType = socketsHandlerType;
            ConnectWithInvoker = connectWithInvoker;
            this.processSecurityProtocols = processSecurityProtocols;
            this.createWebSocket = createWebSocket;
            ConnectWebSocket = connectWebSocket;
            this.systemProxy = systemProxy;
        }

        /// <summary>The runtime this process runs on.</summary>
        public static TransportPlatform Current { get; } = new TransportPlatform(
            // netstandard2.0 has no SocketsHttpHandler type, so it is found (and configured) by reflection.
            Type.GetType("System.Net.Http.SocketsHttpHandler, System.Net.Http", throwOnError: false),
            FindConnectWithInvoker(),
            () => ServicePointManager.SecurityProtocol,
            () => new ClientWebSocket(),
            (socket, uri, token) => socket.ConnectAsync(uri, token));

        /// <summary>SocketsHttpHandler's type; null on .NET Framework, where HttpClientHandler is used.</summary>
        public Type? SocketsHandlerType { get; }

        /// <summary>ClientWebSocket.ConnectAsync(Uri, HttpMessageInvoker, …) (.NET 7+); null where the socket makes its own handshake.</summary>
        public Func<ClientWebSocket, Uri, HttpMessageInvoker, CancellationToken, Task>? ConnectWithInvoker { get; }

        /// <summary>ClientWebSocket's own handshake (.NET Framework's only one).</summary>
        public Func<ClientWebSocket, Uri, CancellationToken, Task> ConnectWebSocket { get; }

        /// <summary>ServicePointManager.SecurityProtocol now: what .NET Framework's HTTP stack offers unless told otherwise.</summary>
        public SecurityProtocolType ProcessSecurityProtocols => processSecurityProtocols();

        /// <summary>
        /// The .NET Framework choices on whatever runtime runs this: HttpClientHandler, ClientWebSocket's own
        /// handshake, and the given process-wide TLS setting (read, never written).
        /// </summary>
        /// <param name="processSecurityProtocols">What ServicePointManager.SecurityProtocol would say.</param>
        /// <param name="createWebSocket">null: a real ClientWebSocket.</param>
        /// <param name="connectWebSocket">null: ClientWebSocket.ConnectAsync(Uri, CancellationToken).</param>
        public static TransportPlatform NetFramework(
            SecurityProtocolType processSecurityProtocols,
            Func<ClientWebSocket>? createWebSocket = null,
            Func<ClientWebSocket, Uri, CancellationToken, Task>? connectWebSocket = null) =>
            new TransportPlatform(
                null,
                null,
                () => processSecurityProtocols,
                createWebSocket ?? Current.createWebSocket,
                connectWebSocket ?? Current.ConnectWebSocket);

        /// <summary>
        /// The environment or system proxy (HTTP_PROXY and friends, or the Windows settings; read once per process),
        /// used when no -Proxy is given; null when there is none.
        /// </summary>
        public IWebProxy? SystemProxy => systemProxy ?? KeySafeProxy.SystemDefault;

        /// <summary>This platform with <paramref name="proxy"/> as its environment proxy: tests need not change the process's environment.</summary>
        public TransportPlatform WithSystemProxy(IWebProxy proxy) =>
            new TransportPlatform(SocketsHandlerType, ConnectWithInvoker, processSecurityProtocols, createWebSocket, ConnectWebSocket, proxy);

        /// <summary>A new ClientWebSocket; throws PlatformNotSupportedException where Windows has no WebSocket component (7, 2008 R2).</summary>
        public ClientWebSocket CreateWebSocket() => createWebSocket();

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
