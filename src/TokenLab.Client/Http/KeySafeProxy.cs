using System;
using System.Net;
using System.Reflection;

namespace TokenLab.Client.Http
{
    /// <summary>
    /// The proxy every request and WebSocket goes through, whatever its source (-Proxy, HTTP_PROXY/http_proxy/
    /// ALL_PROXY, the system settings), under one rule: a plain http or ws request to loopback never goes
    /// through a proxy that is not itself on loopback, since that proxy would read the key in clear text.
    /// (An explicit non-loopback proxy for an http base is refused before this, when the client is built.)
    /// Credentials of our own are kept here: setting them on the shared system proxy object would change
    /// them for every other user of it in the process.
    /// </summary>
    internal sealed class KeySafeProxy : IWebProxy
    {
        // netstandard2.0 has no HttpClient.DefaultProxy (the environment or system proxy on .NET Core 3.0+).
        private static readonly PropertyInfo? DefaultProxyProperty =
            typeof(System.Net.Http.HttpClient).GetProperty("DefaultProxy", BindingFlags.Public | BindingFlags.Static);

        private readonly IWebProxy inner;
        private ICredentials? credentials;

        private KeySafeProxy(IWebProxy inner, ICredentials? credentials)
        {
            this.inner = inner;
            this.credentials = credentials;
        }

        /// <summary>The process's environment or system proxy: HttpClient.DefaultProxy, or WebRequest.DefaultWebProxy on .NET Framework.</summary>
        public static IWebProxy? SystemDefault => DefaultProxyProperty?.GetValue(null) as IWebProxy ?? WebRequest.DefaultWebProxy;

        public ICredentials? Credentials
        {
            get => credentials ?? inner.Credentials;
            set => credentials = value;
        }

        /// <summary>
        /// The proxy for <paramref name="settings"/>: the explicit one, else <paramref name="systemProxy"/>, with the
        /// settings' credentials; null when there is no proxy at all.
        /// </summary>
        public static IWebProxy? Create(TokenLabProxySettings? settings, IWebProxy? systemProxy)
        {
            ICredentials? credentials = settings?.Credential
                ?? (settings?.UseDefaultCredentials == true ? CredentialCache.DefaultCredentials : null);
            IWebProxy? inner = settings?.Address is Uri address ? new WebProxy(address) : systemProxy;
            return inner is null ? null : new KeySafeProxy(inner, credentials);
        }

        public Uri? GetProxy(Uri destination) => IsBypassed(destination) ? null : inner.GetProxy(destination);

        public bool IsBypassed(Uri host)
        {
            if (inner.IsBypassed(host))
            {
                return true;
            }

            return KeyDestination.IsPlainText(host) && host.IsLoopback && !(inner.GetProxy(host) is Uri proxy && proxy.IsLoopback);
        }
    }
}
