using System;
using System.Security;
using TokenLab.Client;

namespace TokenLab.PowerShell.Context
{
    /// <summary>
    /// Settings held by Connect-TokenLab for one runspace. Every field is optional: a missing one
    /// falls back to the environment and then to the module default when a cmdlet runs.
    /// </summary>
    internal sealed class TokenLabContext
    {
        public SecureString? ApiKey { get; set; }

        /// <summary>Where <see cref="ApiKey"/> came from, for Get-TokenLabContext and -Verbose.</summary>
        public string? ApiKeySource { get; set; }

        public Uri? BaseUri { get; set; }

        public TokenLabProxySettings? Proxy { get; set; }

        public string? DeliveryPolicy { get; set; }

        public int? TimeoutSec { get; set; }

        public int? MaxRetries { get; set; }

        public int? MaxRetryWaitSec { get; set; }

        public DateTimeOffset ConnectedAt { get; set; }
    }
}
