using System;
using System.Net;

namespace TokenLab.Client
{
    /// <summary>Proxy settings, shaped like the proxy parameters of Invoke-RestMethod.</summary>
    public sealed class TokenLabProxySettings
    {
        /// <summary>The proxy to use; null means the system proxy (HTTPS_PROXY/NO_PROXY on Linux and macOS).</summary>
        public Uri? Address { get; set; }

        /// <summary>Credentials for the proxy.</summary>
        public NetworkCredential? Credential { get; set; }

        /// <summary>Authenticate to the proxy as the current user.</summary>
        public bool UseDefaultCredentials { get; set; }

        internal TokenLabProxySettings Clone() => new TokenLabProxySettings
        {
            Address = Address,
            Credential = Credential,
            UseDefaultCredentials = UseDefaultCredentials,
        };
    }
}
