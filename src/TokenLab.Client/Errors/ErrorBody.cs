using System;
using System.Collections.Generic;
using System.Linq;

namespace TokenLab.Client.Errors
{
    /// <summary>What an error response body said, read tolerantly (see <see cref="ErrorBodyParser"/>).</summary>
    internal sealed class ErrorBody
    {
        public string? Type { get; set; }

        public string? Code { get; set; }

        public string? Param { get; set; }

        /// <summary>error.message, or a description of a body that carried none.</summary>
        public string ServerMessage { get; set; } = string.Empty;

        public bool? Retryable { get; set; }

        /// <summary>error.retry_after; the Retry-After header takes precedence over it.</summary>
        public TimeSpan? RetryAfter { get; set; }

        public string? DidYouMean { get; set; }

        public string? Hint { get; set; }

        public string? RequestId { get; set; }

        public IReadOnlyList<ValidationErrorDetail> ValidationErrors { get; set; } = Array.Empty<ValidationErrorDetail>();

        /// <summary>The raw body, at most <see cref="ErrorBodyParser.MaxKeptBodyChars"/> characters.</summary>
        public string? Body { get; set; }

        /// <summary>Passes every string through <paramref name="redactor"/>.</summary>
        public void Redact(SecretRedactor redactor)
        {
            Type = redactor.RedactOptional(Type);
            Code = redactor.RedactOptional(Code);
            Param = redactor.RedactOptional(Param);
            ServerMessage = redactor.Redact(ServerMessage);
            DidYouMean = redactor.RedactOptional(DidYouMean);
            Hint = redactor.RedactOptional(Hint);
            RequestId = redactor.RedactOptional(RequestId);
            Body = redactor.RedactOptional(Body);
            ValidationErrors = ValidationErrors.Select(v => new ValidationErrorDetail(
                redactor.RedactOptional(v.Field), redactor.RedactOptional(v.Message), redactor.RedactOptional(v.Code))).ToList();
        }
    }
}
