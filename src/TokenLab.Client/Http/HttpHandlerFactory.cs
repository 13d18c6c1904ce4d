using System;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Security.Authentication;

namespace TokenLab.Client.Http
{
    /// <summary>
    /// Builds the transport: SocketsHttpHandler on .NET (Core), HttpClientHandler on .NET Framework.
    /// Redirects are never followed, so the Authorization header cannot leak to another host.
    /// </summary>
    internal static class HttpHandlerFactory
    {
        // netstandard2.0 has no SocketsHttpHandler type, so it is found and configured by reflection.
        private static readonly Type? SocketsHttpHandlerType =
            Type.GetType("System.Net.Http.SocketsHttpHandler, System.Net.Http", throwOnError: false);

        // Recycles pooled connections so that a long-lived shared client notices DNS changes.
        private static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

        // SslProtocols.Tls13 is missing from the netstandard2.0 surface; .NET Framework 4.8 knows the value.
        private const SslProtocols Tls13 = (SslProtocols)12288;

        private const DecompressionMethods Decompression = DecompressionMethods.GZip | DecompressionMethods.Deflate;

        public static HttpMessageHandler Create(TokenLabProxySettings? proxySettings)
        {
            ICredentials? credentials = proxySettings?.Credential
                ?? (proxySettings?.UseDefaultCredentials == true ? CredentialCache.DefaultCredentials : null);
            IWebProxy? explicitProxy = proxySettings?.Address is Uri address
                ? new WebProxy(address) { Credentials = credentials }
                : null;
            ICredentials? systemProxyCredentials = explicitProxy is null ? credentials : null;

            return SocketsHttpHandlerType is null
                ? CreateFrameworkHandler(explicitProxy, systemProxyCredentials)
                : CreateSocketsHandler(SocketsHttpHandlerType, explicitProxy, systemProxyCredentials);
        }

        private static HttpMessageHandler CreateSocketsHandler(Type type, IWebProxy? proxy, ICredentials? systemProxyCredentials)
        {
            var handler = (HttpMessageHandler)Activator.CreateInstance(type)!;
            SetProperty(handler, "AllowAutoRedirect", false);
            SetProperty(handler, "AutomaticDecompression", Decompression);
            SetProperty(handler, "PooledConnectionLifetime", PooledConnectionLifetime);
            if (proxy != null)
            {
                SetProperty(handler, "Proxy", proxy);
            }

            if (systemProxyCredentials != null)
            {
                SetProperty(handler, "DefaultProxyCredentials", systemProxyCredentials);
            }

            return handler;
        }

        private static HttpClientHandler CreateFrameworkHandler(IWebProxy? proxy, ICredentials? systemProxyCredentials)
        {
            // Windows PowerShell may default to TLS 1.0; enabling 1.2/1.3 on this handler only leaves
            // the process-wide ServicePointManager untouched for other modules.
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = Decompression,
            };
            try
            {
                handler.SslProtocols = SslProtocols.Tls12 | Tls13;
            }
            catch (Exception ex) when (ex is NotSupportedException || ex is ArgumentException)
            {
                // .NET Framework before 4.8 does not know TLS 1.3 and refuses the value.
                handler.SslProtocols = SslProtocols.Tls12;
            }

            if (proxy != null)
            {
                handler.Proxy = proxy;
            }

            if (systemProxyCredentials != null)
            {
                handler.DefaultProxyCredentials = systemProxyCredentials;
            }

            return handler;
        }

        private static void SetProperty(object target, string name, object value)
        {
            PropertyInfo property = target.GetType().GetProperty(name)
                ?? throw new MissingMemberException(target.GetType().FullName, name);
            property.SetValue(target, value);
        }
    }
}
