using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client.Errors;

namespace TokenLab.Client.Http
{
    /// <summary>Reads the body of an error response as text, bounded: a large body is a proxy page, kept only in part.</summary>
    internal static class ErrorBodyReader
    {
        // Enough for any JSON error TokenLab sends.
        private const int MaxErrorBodyBytes = 64 * 1024;

        /// <summary>The error an error response carries: its body read and parsed, and for a redirect where it pointed.</summary>
        public static async Task<ErrorBody> ReadErrorAsync(HttpResponseMessage response, SecretRedactor redactor, CancellationToken cancellationToken)
        {
            string? text = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
            return ErrorBodyParser.Parse(
                text,
                response.Content.Headers.ContentType?.MediaType,
                new ErrorResponseInfo((int)response.StatusCode, response.RequestMessage?.RequestUri, response.Headers.Location?.OriginalString),
                redactor);
        }

        /// <summary>The body as text, at most 64 KiB decoded; null if the connection broke while reading it, or it could not be decoded.</summary>
        private static async Task<string?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            try
            {
                using (Stream body = await ResponseBody.OpenAsync(response.Content).ConfigureAwait(false))
                {
                    var buffer = new byte[MaxErrorBodyBytes];
                    int length = 0;
                    int read;
                    while (length < buffer.Length
                        && (read = await body.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        length += read;
                    }

                    return Encoding.UTF8.GetString(buffer, 0, length);
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (ex is IOException || ex is HttpRequestException || ex is InvalidDataException))
            {
                return null;
            }
        }
    }
}
