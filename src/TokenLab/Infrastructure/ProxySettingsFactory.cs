using System;
using System.Management.Automation;
using TokenLab.Client;

namespace TokenLab.PowerShell.Infrastructure
{
    /// <summary>Builds proxy settings from parameters shaped like Invoke-RestMethod's.</summary>
    internal static class ProxySettingsFactory
    {
        public static TokenLabProxySettings Create(Uri? proxy, PSCredential? credential, bool useDefaultCredentials)
        {
            if (credential is not null && useDefaultCredentials)
            {
                throw new TokenLabConfigurationException("-ProxyCredential and -ProxyUseDefaultCredentials cannot be used together: choose one.");
            }

            if (credential is not null && proxy is null)
            {
                throw new TokenLabConfigurationException("-ProxyCredential needs -Proxy: name the proxy server the credentials are for.");
            }

            if (proxy is not null && !proxy.IsAbsoluteUri)
            {
                throw new TokenLabConfigurationException("-Proxy must be an absolute URI such as http://proxy.contoso.com:8080.");
            }

            // The credential first: a user:password in the -Proxy URI becomes the credential only when -ProxyCredential gives none.
            var settings = new TokenLabProxySettings { Credential = credential?.GetNetworkCredential(), UseDefaultCredentials = useDefaultCredentials };
            settings.Address = proxy;
            return settings;
        }
    }
}
