using System;
using System.Collections.Generic;
using System.Text;
using TokenLab.Client.Diagnostics;
using TokenLab.Client.Errors;

namespace TokenLab.Client
{
    /// <summary>The server answered with a non-success HTTP status.</summary>
    public sealed class TokenLabApiException : TokenLabException
    {
        internal TokenLabApiException(ErrorBody error, ResponseMetadata metadata, TimeSpan? retryAfter, TimeSpan? exceededRetryWaitLimit, DateTimeOffset? windowResets = null)
            : base(BuildMessage(error, metadata, retryAfter, exceededRetryWaitLimit, windowResets), metadata.RequestId, null)
        {
            StatusCode = metadata.StatusCode;
            ErrorType = error.Type;
            ErrorCode = error.Code;
            Param = error.Param;
            ServerMessage = error.ServerMessage;
            Retryable = error.Retryable;
            RetryAfter = retryAfter;
            RetryWaitExceedsLimit = exceededRetryWaitLimit.HasValue;
            DidYouMean = error.DidYouMean;
            Hint = error.Hint;
            ValidationErrors = error.ValidationErrors;
            Body = error.Body;
            Metadata = metadata;
        }

        /// <summary>The HTTP status code.</summary>
        public int StatusCode { get; }

        /// <summary>error.type (may be missing).</summary>
        public string? ErrorType { get; }

        /// <summary>error.code.</summary>
        public string? ErrorCode { get; }

        /// <summary>error.param: the request parameter at fault.</summary>
        public string? Param { get; }

        /// <summary>error.message, or a description of a non-JSON or empty body.</summary>
        public string ServerMessage { get; }

        /// <summary>error.retryable.</summary>
        public bool? Retryable { get; }

        /// <summary>The server's requested wait: the Retry-After header, else error.retry_after.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>True when the call failed at once because <see cref="RetryAfter"/> exceeded MaxRetryWait.</summary>
        public bool RetryWaitExceedsLimit { get; }

        /// <summary>error.did_you_mean: the closest model ID.</summary>
        public string? DidYouMean { get; }

        /// <summary>error.hint.</summary>
        public string? Hint { get; }

        /// <summary>The top-level validation_errors of a 400 response.</summary>
        public IReadOnlyList<ValidationErrorDetail> ValidationErrors { get; }

        /// <summary>The raw body, at most 8 KiB, with the API key redacted (shown decoded when the key hid in an encoding).</summary>
        public string? Body { get; }

        /// <summary>Status, request ID, rate limits and timing of the call.</summary>
        public ResponseMetadata Metadata { get; }

        private static string BuildMessage(ErrorBody error, ResponseMetadata metadata, TimeSpan? retryAfter, TimeSpan? exceededRetryWaitLimit, DateTimeOffset? windowResets)
        {
            var message = new StringBuilder("TokenLab API error ").Append(metadata.StatusCode);
            if ((error.Code ?? error.Type) is string code)
            {
                message.Append(' ').Append(code);
            }

            message.Append(": ").Append(error.ServerMessage);
            if (metadata.RequestId != null)
            {
                message.Append(" (request ID ").Append(metadata.RequestId).Append(')');
            }

            if (exceededRetryWaitLimit is TimeSpan resetLimit && retryAfter is TimeSpan resetWait && windowResets is DateTimeOffset resets)
            {
                message.Append("; the rate-limit window resets in ").Append(DurationText.Format(resetWait))
                    .Append(" (at ").Append(resets.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture))
                    .Append(" UTC), later than MaxRetryWait (").Append(DurationText.Format(resetLimit))
                    .Append(") allows, so the request was not retried");
            }
            else if (exceededRetryWaitLimit is TimeSpan limit && retryAfter is TimeSpan wait)
            {
                message.Append("; the server asked to wait ").Append(DurationText.Format(wait))
                    .Append(" before retrying, longer than MaxRetryWait (").Append(DurationText.Format(limit))
                    .Append("), so the request was not retried");
            }

            return message.ToString();
        }
    }
}
