using System;
using System.Management.Automation;
using TokenLab.Client;

namespace TokenLab.PowerShell.Infrastructure
{
    /// <summary>
    /// The connection settings Connect-TokenLab holds for a session and every API cmdlet takes for
    /// one call: base URI, proxy (shaped like Invoke-RestMethod's), timeout and retries.
    /// </summary>
    public abstract class ConnectionSettingsCmdlet : TokenLabCmdlet
    {
        /// <summary>The API root, for example the local emulator. Default: TOKENLAB_BASE_URL, then https://api.tokenlab.sh.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? BaseUri { get; set; }

        /// <summary>A proxy server, instead of the system proxy.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        /// <summary>Credentials for the proxy given by -Proxy.</summary>
        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Authenticates to the proxy with the current user's credentials.</summary>
        [Parameter]
        public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        /// <summary>Seconds a call may take, retries included.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; }

        /// <summary>How many times a failed call (429, 408, 5xx, connection failure) is sent again.</summary>
        [Parameter]
        [ValidateRange(0, 10)]
        public int MaxRetries { get; set; }

        /// <summary>The longest server-requested wait (Retry-After) to honour; a longer one fails at once.</summary>
        [Parameter]
        [ValidateRange(0, 3600)]
        public int MaxRetryWaitSec { get; set; }

        /// <summary>The proxy settings the parameters ask for, or null when none was given.</summary>
        internal TokenLabProxySettings? ProxyFromParameters() =>
            Proxy is null && ProxyCredential is null && !ProxyUseDefaultCredentials.IsPresent
                ? null
                : ProxySettingsFactory.Create(Proxy, ProxyCredential, ProxyUseDefaultCredentials.IsPresent);
    }
}
