using System;

namespace TokenLab.Client
{
    /// <summary>Default values of <see cref="TokenLabClientOptions"/>.</summary>
    public static class TokenLabDefaults
    {
        /// <summary>The TokenLab API root, <c>https://api.tokenlab.sh/</c>.</summary>
        public static Uri BaseUri { get; } = new Uri("https://api.tokenlab.sh/");

        /// <summary>Per-call timeout for catalog requests (30 s).</summary>
        public static TimeSpan CatalogTimeout { get; } = TimeSpan.FromSeconds(30);

        /// <summary>Per-call timeout for audio requests (300 s): TokenLab advises at least 120 s for long input.</summary>
        public static TimeSpan AudioTimeout { get; } = TimeSpan.FromSeconds(300);

        /// <summary>How many times a failed request is sent again by default.</summary>
        public const int MaxRetries = 3;

        /// <summary>The longest server-requested wait (Retry-After) the client honours before giving up (60 s).</summary>
        public static TimeSpan MaxRetryWait { get; } = TimeSpan.FromSeconds(60);

        /// <summary>
        /// The most requests one client keeps in flight to one host (the cmdlets' highest -ThrottleLimit):
        /// the connection limit of the transport, so that no request waits for a connection.
        /// </summary>
        public const int MaxParallelRequests = 64;
    }
}
