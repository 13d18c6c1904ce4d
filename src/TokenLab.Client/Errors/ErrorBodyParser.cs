using System;
using System.Collections.Generic;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using TokenLab.Client.Json;

namespace TokenLab.Client.Errors
{
    /// <summary>
    /// Turns any error response body into an <see cref="ErrorBody"/>. The OpenAI-style JSON is the
    /// norm, but type can be missing, upstream bodies are passed through, and proxies answer with
    /// HTML pages or nothing at all; each still yields a message that says what came back.
    /// </summary>
    internal static class ErrorBodyParser
    {
        /// <summary>How much of the raw body an exception keeps.</summary>
        public const int MaxKeptBodyChars = 8 * 1024;

        private const int MaxSnippetChars = 200;

        private static readonly Regex HtmlTitle = new Regex(
            "<title[^>]*>(.*?)</title>",
            RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));

        private static readonly Regex Whitespace = new Regex(@"\s+", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        /// <summary>
        /// The error an error response carries, every string of it passed through <paramref name="redactor"/>
        /// after decoding (JSON escapes are undone by the parser, the redactor undoes the rest).
        /// </summary>
        /// <param name="text">The decoded body, or null when it could not be read.</param>
        /// <param name="mediaType">The Content-Type media type, if any.</param>
        /// <param name="response">The status and, for a redirect, where it pointed.</param>
        /// <param name="redactor">Masks the key (and a proxy password) wherever the server echoed it.</param>
        public static ErrorBody Parse(string? text, string? mediaType, ErrorResponseInfo response, SecretRedactor redactor)
        {
            ErrorBody result = text is null
                ? new ErrorBody { ServerMessage = "The error response body could not be read." }
                : TryParseJson(text) ?? new ErrorBody { ServerMessage = DescribeNonJson(text, mediaType) };
            if (text != null)
            {
                result.Body = text.Length > MaxKeptBodyChars ? text.Substring(0, MaxKeptBodyChars) : text;
            }

            DescribeRedirect(result, response);
            result.Redact(redactor);
            return result;
        }

        /// <summary>
        /// For a redirect (3xx), replaces the message with where it pointed (scheme, host and path: a query or user
        /// info may hold tokens) and that it was not followed: the key would go along to wherever it points.
        /// </summary>
        private static void DescribeRedirect(ErrorBody body, ErrorResponseInfo response)
        {
            if (response.StatusCode < 300 || response.StatusCode > 399)
            {
                return;
            }

            string? location = response.Location;
            string target = location is null ? "nowhere (no Location header)"
                : (response.RequestUri is null ? Uri.TryCreate(location, UriKind.Absolute, out Uri? uri) : Uri.TryCreate(response.RequestUri, location, out uri))
                    ? uri!.Scheme + "://" + uri.Authority + uri.AbsolutePath
                    : "an address that is not a URI";
            body.ServerMessage = "The server redirected the request to " + target
                + "; the module does not follow redirects, so the request and its API key were not sent there.";
        }

        private static ErrorBody? TryParseJson(string text)
        {
            if (!text.TrimStart().StartsWith("{", StringComparison.Ordinal))
            {
                return null;
            }

            try
            {
                return JsonBody.Parse(text, ReadJsonError);
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException)
            {
                return null;
            }
        }

        private static ErrorBody ReadJsonError(JsonElement root)
        {
            JsonElement error = root.GetObjectOrNull("error") ?? root;
            double? retryAfterSeconds = error.GetDoubleOrNull("retry_after");
            return new ErrorBody
            {
                Type = error.GetStringOrNull("type"),
                Code = error.GetStringOrNull("code"),
                Param = error.GetStringOrNull("param"),
                ServerMessage = error.GetStringOrNull("message")
                    ?? root.GetStringOrNull("error")
                    ?? "The server returned a JSON error without a message.",
                Retryable = error.GetBooleanOrNull("retryable"),
                RetryAfter = retryAfterSeconds >= 0 && retryAfterSeconds <= TimeSpan.MaxValue.TotalSeconds
                    ? TimeSpan.FromSeconds(retryAfterSeconds.Value)
                    : (TimeSpan?)null,
                DidYouMean = error.GetStringOrNull("did_you_mean"),
                Hint = error.GetStringOrNull("hint"),
                RequestId = error.GetStringOrNull("request_id") ?? root.GetStringOrNull("request_id"),
                ValidationErrors = ReadValidationErrors(root.GetArrayOrNull("validation_errors") ?? error.GetArrayOrNull("validation_errors")),
            };
        }

        private static IReadOnlyList<ValidationErrorDetail> ReadValidationErrors(JsonElement? array)
        {
            if (array is null)
            {
                return Array.Empty<ValidationErrorDetail>();
            }

            var details = new List<ValidationErrorDetail>();
            foreach (JsonElement item in array.Value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    details.Add(new ValidationErrorDetail(item.GetStringOrNull("field"), item.GetStringOrNull("message"), item.GetStringOrNull("code")));
                }
            }

            return details;
        }

        private static string DescribeNonJson(string text, string? mediaType)
        {
            if (text.Trim().Length == 0)
            {
                return "The server returned an empty body.";
            }

            bool isHtml = (mediaType?.IndexOf("html", StringComparison.OrdinalIgnoreCase) ?? -1) >= 0
                || text.TrimStart().StartsWith("<", StringComparison.Ordinal);
            if (isHtml)
            {
                Match title = HtmlTitle.Match(text);
                string suffix = title.Success ? ": \"" + Snippet(WebUtility.HtmlDecode(title.Groups[1].Value)) + "\"" : string.Empty;
                return "The server returned an HTML page instead of a JSON error (often a proxy or gateway)" + suffix + ".";
            }

            return "The server returned a non-JSON body (" + (mediaType ?? "no content type") + "): \"" + Snippet(text) + "\".";
        }

        private static string Snippet(string text)
        {
            string oneLine = Whitespace.Replace(text, " ").Trim();
            return oneLine.Length > MaxSnippetChars ? oneLine.Substring(0, MaxSnippetChars) + "..." : oneLine;
        }
    }
}
