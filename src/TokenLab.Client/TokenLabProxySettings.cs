using System;
using System.Net;

namespace TokenLab.Client
{
    /// <summary>Proxy settings, shaped like the proxy parameters of Invoke-RestMethod.</summary>
    public sealed class TokenLabProxySettings
    {
        private Uri? address;

        /// <summary>
        /// The proxy to use; null means the system proxy (HTTPS_PROXY/NO_PROXY on Linux and macOS). A user name and
        /// password in the URI (http://user:password@host:port) are taken out of it into <see cref="Credential"/>
        /// (unless one is set), so the address can be shown and traced without the password.
        /// </summary>
        public Uri? Address
        {
            get => address;
            set
            {
                if (value is { IsAbsoluteUri: true } && value.UserInfo.Length > 0)
                {
                    string[] parts = value.UserInfo.Split(new[] { ':' }, 2);
                    Credential ??= new NetworkCredential(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty);
                    value = new UriBuilder(value) { UserName = string.Empty, Password = string.Empty }.Uri;
                }

                address = value;
            }
        }

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
