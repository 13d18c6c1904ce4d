using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client.Json;

namespace TokenLab.Client.Http
{
    /// <summary>
    /// A success response whose body has not been read yet. The per-call timeout and the caller's
    /// token still apply while reading it; dispose it when done.
    /// </summary>
    internal sealed class TokenLabHttpResponse : IDisposable
    {
        private readonly CallScope scope;
        private readonly CancellationTokenRegistration abortOnCancel;
        private readonly SecretRedactor redactor;

        internal TokenLabHttpResponse(HttpResponseMessage message, CallScope scope, int attempts, SecretRedactor redactor)
        {
            Message = message;
            this.scope = scope;
            this.redactor = redactor;
            Attempts = attempts;

            // Some handlers (.NET Framework) ignore the token once the body streams; disposing the
            // response is what aborts a stalled read there.
            abortOnCancel = scope.Token.Register(message.Dispose);
        }

        public HttpResponseMessage Message { get; }

        public int Attempts { get; }

        /// <summary>
        /// Runs <paramref name="read"/> over the body (gzip decoded) with the call's token. A body that is
        /// cut off, unreadable or over a cap becomes <see cref="TokenLabProtocolException"/> (never retried:
        /// bytes have arrived); the timeout becomes <see cref="TokenLabTimeoutException"/>. Readers that also
        /// write (e.g. to a file) should handle their own write errors, since an IOException here is
        /// taken to come from the body.
        /// </summary>
        public async Task<T> ReadBodyAsync<T>(Func<Stream, CancellationToken, Task<T>> read)
        {
            try
            {
                using (Stream body = await ResponseBody.OpenAsync(Message.Content).ConfigureAwait(false))
                {
                    return await read(body, scope.Token).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (scope.IsCancelled)
            {
                throw scope.CancellationFailure(ex, RequestId);
            }
            catch (BodyCapExceededException ex)
            {
                throw new TokenLabProtocolException(
                    "TokenLab answered " + Status + ", but " + redactor.Redact(ex.Message) + "; it was not read further" + RequestIdText, RequestId, ex);
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException || ex is JsonException || ex is InvalidDataException || ex is InvalidOperationException)
            {
                throw new TokenLabProtocolException(
                    "TokenLab answered " + Status + " but its response body was cut off or unreadable: " + redactor.Redact(ex.Message) + RequestIdText, RequestId, ex);
            }
        }

        /// <summary>Reads the JSON body (at most <see cref="ResponseBody.MaxBufferedBytes"/>) and maps it, as <see cref="ReadBodyAsync"/>.</summary>
        public Task<T> ReadJsonAsync<T>(Func<JsonElement, T> map) =>
            ReadBodyAsync(async (body, token) => JsonBody.Parse(await ResponseBody.ReadAllAsync(body, token).ConfigureAwait(false), map));

        /// <summary>Reads the body as UTF-8 text (at most <see cref="ResponseBody.MaxBufferedBytes"/>) and maps it, as <see cref="ReadBodyAsync"/>.</summary>
        public Task<T> ReadTextAsync<T>(Func<string, T> map) =>
            ReadBodyAsync(async (body, token) =>
            {
                ArraySegment<byte> utf8 = await ResponseBody.ReadAllAsync(body, token).ConfigureAwait(false);
                int bom = utf8.Count >= 3 && utf8.Array![0] == 0xEF && utf8.Array[1] == 0xBB && utf8.Array[2] == 0xBF ? 3 : 0;
                return map(Encoding.UTF8.GetString(utf8.Array!, bom, utf8.Count - bom));
            });

        /// <param name="bodyBillingTransactionId">billing_transaction_id from the body, which wins over the header.</param>
        public ResponseMetadata CreateMetadata(string? bodyBillingTransactionId) =>
            ResponseMetadataReader.Read(Message, null, bodyBillingTransactionId, scope.Elapsed, Attempts, redactor);

        private string? RequestId => ResponseMetadataReader.HeaderRequestId(Message, redactor);

        private string RequestIdText => RequestId is null ? string.Empty : " (request ID " + RequestId + ")";

        private string Status => ((int)Message.StatusCode).ToString(CultureInfo.InvariantCulture);

        public void Dispose()
        {
            abortOnCancel.Dispose();
            Message.Dispose();
            scope.Dispose();
        }
    }
}
