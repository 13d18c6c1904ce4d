using System;

namespace TokenLab.Client
{
    /// <summary>What the last response of a call said about itself, plus timing of the whole call.</summary>
    public sealed class ResponseMetadata
    {
        internal ResponseMetadata(
            int statusCode,
            string? requestId,
            string? billingTransactionId,
            string? taskId,
            int? routingTimeMs,
            int? rateLimitLimit,
            int? rateLimitRemaining,
            DateTimeOffset? rateLimitReset,
            TimeSpan elapsed,
            int attempts)
        {
            StatusCode = statusCode;
            RequestId = requestId;
            BillingTransactionId = billingTransactionId;
            TaskId = taskId;
            RoutingTimeMs = routingTimeMs;
            RateLimitLimit = rateLimitLimit;
            RateLimitRemaining = rateLimitRemaining;
            RateLimitReset = rateLimitReset;
            Elapsed = elapsed;
            Attempts = attempts;
        }

        /// <summary>The HTTP status code of the last response.</summary>
        public int StatusCode { get; }

        /// <summary>The request ID: body <c>error.request_id</c>, else X-Request-ID, else x-request-id-tokenlab.</summary>
        public string? RequestId { get; }

        /// <summary>Body <c>billing_transaction_id</c>, else the X-Billing-Transaction-ID header.</summary>
        public string? BillingTransactionId { get; }

        /// <summary>The X-Task-ID header.</summary>
        public string? TaskId { get; }

        /// <summary>The X-Routing-Time-MS header.</summary>
        public int? RoutingTimeMs { get; }

        /// <summary>The X-RateLimit-Limit header (requests per minute).</summary>
        public int? RateLimitLimit { get; }

        /// <summary>The X-RateLimit-Remaining header.</summary>
        public int? RateLimitRemaining { get; }

        /// <summary>The X-RateLimit-Reset header (a Unix time).</summary>
        public DateTimeOffset? RateLimitReset { get; }

        /// <summary>Duration of the whole call, retries and waits included.</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>How many times the request was sent.</summary>
        public int Attempts { get; }

        /// <summary>
        /// This request's metadata for a call that went on as an asynchronous task: the task ID, the
        /// billing ID that settled with it, and the time of the whole call.
        /// </summary>
        internal ResponseMetadata ForTask(string taskId, string? billingTransactionId, TimeSpan elapsed) =>
            new ResponseMetadata(StatusCode, RequestId, billingTransactionId ?? BillingTransactionId, taskId, RoutingTimeMs,
                RateLimitLimit, RateLimitRemaining, RateLimitReset, elapsed, Attempts);
    }
}
