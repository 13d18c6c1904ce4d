using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Text;
using TokenLab.Client.Errors;

namespace TokenLab.Client.Realtime
{
    /// <summary>
    /// On .NET Framework a rejected WebSocket upgrade surfaces as a WebException carrying the HTTP response;
    /// this reads its status, request ID and error body into the same error the .NET 7+ path gives.
    /// </summary>
    internal static class WebResponseRejection
    {
        private const int MaxBodyBytes = 64 * 1024;

        public static TokenLabApiException? Find(Exception failure, TimeSpan elapsed, SecretRedactor redactor)
        {
            for (Exception? current = failure; current != null; current = current.InnerException)
            {
                if (current is WebException { Response: HttpWebResponse response })
                {
                    return Read(response, elapsed, redactor);
                }
            }

            return null;
        }

        private static TokenLabApiException Read(HttpWebResponse response, TimeSpan elapsed, SecretRedactor redactor)
        {
            var redirect = new ErrorResponseInfo((int)response.StatusCode, response.ResponseUri, response.Headers["Location"]);
            ErrorBody body = ErrorBodyParser.Parse(ReadBody(response), response.ContentType, redirect, redactor);
            string? headerRequestId = redactor.RedactOptional(response.Headers["X-Request-ID"] ?? response.Headers["x-request-id-tokenlab"]);
            TimeSpan? retryAfter = int.TryParse(response.Headers["Retry-After"], NumberStyles.None, CultureInfo.InvariantCulture, out int seconds)
                ? TimeSpan.FromSeconds(seconds)
                : body.RetryAfter;
            var metadata = new ResponseMetadata((int)response.StatusCode, body.RequestId ?? headerRequestId, null, null, null, null, null, null, elapsed, 1);
            return new TokenLabApiException(body, metadata, retryAfter, null);
        }

        private static string? ReadBody(HttpWebResponse response)
        {
            try
            {
                using (Stream stream = response.GetResponseStream())
                {
                    var buffer = new byte[MaxBodyBytes];
                    int length = 0;
                    int read;
                    while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
                    {
                        length += read;
                    }

                    return Encoding.UTF8.GetString(buffer, 0, length);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is WebException || ex is ObjectDisposedException)
            {
                return null;
            }
        }
    }
}
