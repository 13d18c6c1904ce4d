using System;
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
