using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

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

        internal TokenLabHttpResponse(HttpResponseMessage message, CallScope scope, int attempts)
        {
            Message = message;
            this.scope = scope;
            Attempts = attempts;

            // Some handlers (.NET Framework) ignore the token once the body streams; disposing the
            // response is what aborts a stalled read there.
            abortOnCancel = scope.Token.Register(message.Dispose);
        }

        public HttpResponseMessage Message { get; }

        public int Attempts { get; }

        /// <summary>
        /// Runs <paramref name="read"/> over the body with the call's token. A body that is cut off
        /// or unreadable becomes <see cref="TokenLabProtocolException"/> (never retried: bytes have
        /// arrived); the timeout becomes <see cref="TokenLabTimeoutException"/>. Readers that also
        /// write (e.g. to a file) should handle their own write errors, since an IOException here is
        /// taken to come from the body.
        /// </summary>
        public async Task<T> ReadBodyAsync<T>(Func<Stream, CancellationToken, Task<T>> read)
        {
            try
            {
                using (Stream body = await Message.Content.ReadAsStreamAsync().ConfigureAwait(false))
                {
                    return await read(body, scope.Token).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (scope.IsCancelled)
            {
                throw scope.CancellationFailure(ex, RequestId);
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException || ex is JsonException || ex is InvalidDataException)
            {
                throw new TokenLabProtocolException(
                    "TokenLab answered " + ((int)Message.StatusCode).ToString(CultureInfo.InvariantCulture)
                        + " but its response body was cut off or unreadable: " + ex.Message
                        + (RequestId is null ? string.Empty : " (request ID " + RequestId + ")"),
                    RequestId,
                    ex);
            }
        }

        /// <param name="bodyBillingTransactionId">billing_transaction_id from the body, which wins over the header.</param>
        public ResponseMetadata CreateMetadata(string? bodyBillingTransactionId) =>
            ResponseMetadataReader.Read(Message, null, bodyBillingTransactionId, scope.Elapsed, Attempts);

        private string? RequestId => ResponseMetadataReader.HeaderRequestId(Message);

        public void Dispose()
        {
            abortOnCancel.Dispose();
            Message.Dispose();
            scope.Dispose();
        }
    }
}
