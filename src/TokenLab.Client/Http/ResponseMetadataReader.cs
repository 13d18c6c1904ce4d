using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;

namespace TokenLab.Client.Http
{
    /// <summary>
    /// Reads <see cref="ResponseMetadata"/> from response headers (names match case-insensitively). The text
    /// headers pass the redactor: a server may echo the key in any of them, and request IDs go into messages.
    /// </summary>
    internal static class ResponseMetadataReader
    {
        public static ResponseMetadata Read(
            HttpResponseMessage response, string? bodyRequestId, string? bodyBillingTransactionId, TimeSpan elapsed, int attempts, SecretRedactor redactor) =>
            new ResponseMetadata(
                (int)response.StatusCode,
                bodyRequestId ?? HeaderRequestId(response, redactor),
                bodyBillingTransactionId ?? redactor.RedactOptional(Header(response, "X-Billing-Transaction-ID")),
                redactor.RedactOptional(Header(response, "X-Task-ID")),
                Int32Header(response, "X-Routing-Time-MS"),
                Int32Header(response, "X-RateLimit-Limit"),
                Int32Header(response, "X-RateLimit-Remaining"),
                RetryPolicy.RateLimitReset(response, response.Headers.Date ?? DateTimeOffset.UtcNow),
                elapsed,
                attempts);

        /// <summary>X-Request-ID, else the x-request-id-tokenlab fallback that TokenLab's own client reads.</summary>
        public static string? HeaderRequestId(HttpResponseMessage response, SecretRedactor redactor) =>
            redactor.RedactOptional(Header(response, "X-Request-ID") ?? Header(response, "x-request-id-tokenlab"));

        private static string? Header(HttpResponseMessage response, string name)
        {
            if (response.Headers.TryGetValues(name, out IEnumerable<string>? values))
            {
                foreach (string value in values)
                {
                    if (!string.IsNullOrWhiteSpace(value))
                    {
                        return value.Trim();
                    }
                }
            }

            return null;
        }

        private static int? Int32Header(HttpResponseMessage response, string name) =>
            int.TryParse(Header(response, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : (int?)null;
    }
}
