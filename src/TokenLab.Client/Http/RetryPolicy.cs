using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Security.Authentication;
using TokenLab.Client.Errors;

namespace TokenLab.Client.Http
{
    /// <summary>Which failures are sent again, and how long to wait before each new attempt.</summary>
    internal sealed class RetryPolicy
    {
        private static readonly TimeSpan BackoffBase = TimeSpan.FromSeconds(0.5);
        private static readonly TimeSpan BackoffCap = TimeSpan.FromSeconds(30);
        private const double BackoffFactor = 2;

        // 2001-09-09: a reset value below this is a number of seconds, not a Unix time.
        private const double SmallestUnixTime = 1_000_000_000;
        private const double MaxUnixSeconds = 253402300799;

        private readonly Random jitter;

        public RetryPolicy(int maxRetries, TimeSpan maxRetryWait, Random jitter)
        {
            MaxRetries = maxRetries;
            MaxRetryWait = maxRetryWait;
            this.jitter = jitter;
        }

        public int MaxRetries { get; }

        public TimeSpan MaxRetryWait { get; }

        public int MaxAttempts => MaxRetries + 1;

        /// <summary>
        /// 408, 429 and the transient 5xx, unless the body says retryable: false. 400, 401, 402, 403,
        /// 404 and 413 would fail the same way again.
        /// </summary>
        public static bool IsRetryable(int statusCode, ErrorBody error) =>
            error.Retryable != false
            && (statusCode == 408 || statusCode == 429 || statusCode == 500 || statusCode == 502 || statusCode == 503 || statusCode == 504);

        /// <summary>A failure before any response byte; certificate and TLS negotiation failures would only repeat.</summary>
        public static bool IsRetryable(HttpRequestException failure)
        {
            for (Exception? cause = failure; cause != null; cause = cause.InnerException)
            {
                if (cause is AuthenticationException)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The wait before retry number <paramref name="retry"/> (1 for the first): 0.5 s doubled each
        /// time up to 30 s, then a random point in its upper half so that clients spread out.
        /// </summary>
        public TimeSpan Backoff(int retry)
        {
            double nominal = Math.Min(BackoffCap.TotalSeconds, BackoffBase.TotalSeconds * Math.Pow(BackoffFactor, retry - 1));
            double fraction;
            lock (jitter)
            {
                fraction = jitter.NextDouble();
            }

            return TimeSpan.FromSeconds(nominal * (0.5 + (0.5 * fraction)));
        }

        /// <summary>Retry-After (seconds or an HTTP date), else the body's error.retry_after.</summary>
        public static TimeSpan? ServerWait(HttpResponseMessage response, ErrorBody error) => HeaderWait(response) ?? error.RetryAfter;

        /// <summary>
        /// When the rate-limit window of X-RateLimit-Reset ends: TokenLab documents a Unix time, but a value too small to
        /// be one (before 2001) is taken as seconds from <paramref name="now"/>. Never before <paramref name="now"/>; null without the header.
        /// </summary>
        public static DateTimeOffset? RateLimitReset(HttpResponseMessage response, DateTimeOffset now)
        {
            if (!response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
                || !double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                || value < 0 || value > MaxUnixSeconds)
            {
                return null;
            }

            DateTimeOffset reset = value >= SmallestUnixTime ? DateTimeOffset.FromUnixTimeMilliseconds((long)(value * 1000)) : now.AddSeconds(value);
            return reset > now ? reset : now;
        }

        /// <summary>The Retry-After header (seconds or an HTTP date), also on success responses such as task polls.</summary>
        public static TimeSpan? HeaderWait(HttpResponseMessage response)
        {
            if (response.Headers.RetryAfter?.Delta is TimeSpan delta)
            {
                return delta;
            }

            if (response.Headers.RetryAfter?.Date is DateTimeOffset date)
            {
                // Measured against the server's own Date header when present, so clock skew does not matter.
                TimeSpan wait = date - (response.Headers.Date ?? DateTimeOffset.UtcNow);
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }

            return null;
        }
    }
}
