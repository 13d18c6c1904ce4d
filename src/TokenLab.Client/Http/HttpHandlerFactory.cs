using System;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Security.Authentication;

namespace TokenLab.Client.Http
{
    /// <summary>
    /// Builds the transport: SocketsHttpHandler on .NET (Core), HttpClientHandler on .NET Framework.
    /// Redirects are never followed, so the Authorization header cannot leak to another host; the proxy is
    /// always a <see cref="KeySafeProxy"/>. Decompression is left off: ResponseBody decodes gzip, counting the
    /// decoded bytes against its caps.
    /// </summary>
    internal static class HttpHandlerFactory
    {
        // Recycles pooled connections so that a long-lived shared client notices DNS changes.
        internal static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

        // The SecurityProtocolType/SslProtocols flags share their values; netstandard2.0 lacks the Tls13 member.
        private const SecurityProtocolType ProcessTls12OrNewer = SecurityProtocolType.Tls12 | (SecurityProtocolType)12288;

        /// <param name="proxySettings">The explicit proxy and credentials; null for the platform's system proxy.</param>
        /// <param name="platform">The runtime's transport choices, its system proxy included.</param>
        public static HttpMessageHandler Create(TokenLabProxySettings? proxySettings, TransportPlatform platform)
        {
            IWebProxy? proxy = KeySafeProxy.Create(proxySettings, platform.SystemProxy);
            return platform.SocketsHandlerType is null
                ? new ServicePointLeaseHandler(CreateFrameworkHandler(proxy, platform.ProcessSecurityProtocols), PooledConnectionLifetime)
                : CreateSocketsHandler(platform.SocketsHandlerType, proxy);
        }

        private static HttpMessageHandler CreateSocketsHandler(Type type, IWebProxy? proxy)
        {
            var handler = (HttpMessageHandler)Activator.CreateInstance(type)!;
            SetProperty(handler, "AllowAutoRedirect", false);
            SetProperty(handler, "PooledConnectionLifetime", PooledConnectionLifetime);
            if (proxy != null)
            {
                SetProperty(handler, "Proxy", proxy);
            }

            return handler;
        }

        internal static HttpClientHandler CreateFrameworkHandler(IWebProxy? proxy, SecurityProtocolType processProtocols)
        {
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                // Otherwise ServicePointManager.DefaultConnectionLimit applies: 2 per host outside ASP.NET, so
                // -ThrottleLimit 8 would queue requests inside the handler, their timeouts already running.
                MaxConnectionsPerServer = TokenLabDefaults.MaxParallelRequests,
                SslProtocols = FrameworkSslProtocols(processProtocols),
            };

            if (proxy != null)
            {
                handler.Proxy = proxy;
            }

            return handler;
        }

        /// <summary>
        /// The TLS versions for this handler only (the process-wide ServicePointManager stays untouched):
        /// none of its own (the operating system's policy, which admins manage) when the process already
        /// offers TLS 1.2 or follows the system default; otherwise the process's TLS versions plus TLS 1.2, which
        /// Windows PowerShell (an app built for .NET 4.0) lacks unless SchUseStrongCrypto is set (SSL 3 never).
        /// </summary>
        internal static SslProtocols FrameworkSslProtocols(SecurityProtocolType processProtocols) =>
            processProtocols == 0 || (processProtocols & ProcessTls12OrNewer) != 0
                ? SslProtocols.None
                : (SslProtocols)(int)(processProtocols & ~SecurityProtocolType.Ssl3) | SslProtocols.Tls12;

        /// <summary>True when .NET Framework's own handshakes (ClientWebSocket) cannot offer TLS 1.2 in this process.</summary>
        internal static bool LacksTls12(SecurityProtocolType processProtocols) => FrameworkSslProtocols(processProtocols) != SslProtocols.None;

        private static void SetProperty(object target, string name, object value)
        {
            PropertyInfo property = target.GetType().GetProperty(name)
                ?? throw new MissingMemberException(target.GetType().FullName, name);
            property.SetValue(target, value);
        }
    }
}
