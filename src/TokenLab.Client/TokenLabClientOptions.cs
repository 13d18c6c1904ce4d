using System;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client.Http;

namespace TokenLab.Client
{
    /// <summary>Settings of a <see cref="TokenLabClient"/>; the client takes a copy when it is constructed.</summary>
    public sealed class TokenLabClientOptions
    {
        /// <summary>The API root; absolute http or https.</summary>
        public Uri BaseUri { get; set; } = TokenLabDefaults.BaseUri;

        /// <summary>Sent as <c>Authorization: Bearer</c>; never logged or shown.</summary>
        public string? ApiKey { get; set; }

        /// <summary>Proxy settings; null means the system proxy.</summary>
        public TokenLabProxySettings? Proxy { get; set; }

        /// <summary>Per call, all attempts and waits included; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.</summary>
        public TimeSpan Timeout { get; set; } = TokenLabDefaults.CatalogTimeout;

        /// <summary>How many times a failed request may be sent again (0–10).</summary>
        public int MaxRetries { get; set; } = TokenLabDefaults.MaxRetries;

        /// <summary>A server-requested wait longer than this fails the call at once instead of waiting.</summary>
        public TimeSpan MaxRetryWait { get; set; } = TokenLabDefaults.MaxRetryWait;

        /// <summary>auto, verified or official; sent as X-TokenLab-Delivery-Policy.</summary>
        public string? DeliveryPolicy { get; set; }

        /// <summary>null: "TokenLab.Client/&lt;version&gt; (&lt;OS&gt;; &lt;framework&gt;)".</summary>
        public string? UserAgent { get; set; }

        /// <summary>Receives verbose and debug lines, with the key redacted.</summary>
        public ITokenLabTrace? Trace { get; set; }

        /// <summary>Waits between attempts; tests replace it to record the waits instead of sleeping.</summary>
        internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = Task.Delay;

        /// <summary>Source of backoff jitter; tests replace it to make the jitter predictable.</summary>
        internal Random? JitterSource { get; set; }

        /// <summary>The current time, for waits until a rate-limit window resets; tests replace it with a fixed clock.</summary>
        internal Func<DateTimeOffset> UtcNow { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>The runtime's transport choices; tests inject <see cref="TransportPlatform.NetFramework"/> to run .NET Framework's.</summary>
        internal TransportPlatform Platform { get; set; } = TransportPlatform.Current;

        internal TokenLabClientOptions Clone() => new TokenLabClientOptions
        {
            BaseUri = BaseUri,
            ApiKey = ApiKey,
            Proxy = Proxy?.Clone(),
            Timeout = Timeout,
            MaxRetries = MaxRetries,
            MaxRetryWait = MaxRetryWait,
            DeliveryPolicy = DeliveryPolicy,
            UserAgent = UserAgent,
            Trace = Trace,
            Delay = Delay,
            JitterSource = JitterSource,
            UtcNow = UtcNow,
            Platform = Platform,
        };
    }
}
