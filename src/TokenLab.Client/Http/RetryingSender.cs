using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client.Diagnostics;
using TokenLab.Client.Errors;

namespace TokenLab.Client.Http
{
    /// <summary>
    /// Sends a request until it succeeds, fails for good, or runs out of retries or time. Each
    /// attempt builds a fresh request from the factory, so bodies are re-opened, never buffered.
    /// </summary>
    internal sealed class RetryingSender
    {
        private readonly HttpClient http;
        private readonly Uri baseUri;
        private readonly RequestHeaders headers;
        private readonly KeyDestination destination;
        private readonly RetryPolicy policy;
        private readonly TimeSpan timeout;
        private readonly Func<TimeSpan, CancellationToken, Task> delay;
        private readonly Func<DateTimeOffset> utcNow;
        private readonly ClientTrace trace;
        private readonly SecretRedactor redactor;

        public RetryingSender(
            HttpClient http,
            Uri baseUri,
            RequestHeaders headers,
            KeyDestination destination,
            RetryPolicy policy,
            TimeSpan timeout,
            Func<TimeSpan, CancellationToken, Task> delay,
            Func<DateTimeOffset> utcNow,
            ClientTrace trace,
            SecretRedactor redactor)
        {
            this.utcNow = utcNow;
            this.http = http;
            this.baseUri = baseUri;
            this.headers = headers;
            this.destination = destination;
            this.policy = policy;
            this.timeout = timeout;
            this.delay = delay;
            this.trace = trace;
            this.redactor = redactor;
        }

        /// <summary>
        /// Returns once a success status and its headers have arrived; the body is left to the caller.
        /// Throws <see cref="TokenLabApiException"/>, <see cref="TokenLabConnectionException"/>,
        /// <see cref="TokenLabTimeoutException"/>, or OperationCanceledException for the caller's token.
        /// </summary>
        public async Task<TokenLabHttpResponse> SendAsync(Func<HttpRequestMessage> requestFactory, CancellationToken cancellationToken)
        {
            var scope = new CallScope(timeout, cancellationToken);
            try
            {
                for (int attempt = 1; ; attempt++)
                {
                    var attemptClock = Stopwatch.StartNew();
                    HttpResponseMessage response;
                    try
                    {
                        response = await SendOnceAsync(requestFactory, scope.Token).ConfigureAwait(false);
                    }
                    catch (HttpRequestException ex) when (!scope.IsCancelled)
                    {
                        var failure = new TokenLabConnectionException(ConnectionFailureMessage(ex, attempt), ex);
                        TimeSpan? wait = RetryPolicy.IsRetryable(ex) ? policy.Backoff(attempt) : (TimeSpan?)null;
                        await RetryOrThrowAsync(failure, wait, "a connection failure", attempt, scope).ConfigureAwait(false);
                        continue;
                    }

                    trace.Response(response, attemptClock.Elapsed, ResponseMetadataReader.HeaderRequestId(response, redactor));
                    if (response.IsSuccessStatusCode)
                    {
                        return new TokenLabHttpResponse(response, scope, attempt, redactor);
                    }

                    (TokenLabApiException error, TimeSpan? retryWait) = await ReadErrorAsync(response, scope, attempt).ConfigureAwait(false);
                    await RetryOrThrowAsync(error, retryWait, error.StatusCode.ToString(CultureInfo.InvariantCulture), attempt, scope).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (scope.IsCancelled && !(ex is TokenLabApiException))
            {
                scope.Dispose();
                throw scope.CancellationFailure(ex, null);
            }
            catch
            {
                scope.Dispose();
                throw;
            }
        }

        private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> requestFactory, CancellationToken token)
        {
            using (HttpRequestMessage request = requestFactory())
            {
                destination.EnsureAllowed(request.RequestUri);
                headers.Apply(request);
                trace.Request(request);
                return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Reads and disposes an error response. Returns the error and the wait before a retry (null:
        /// do not retry); throws at once when the server asks for a wait beyond MaxRetryWait.
        /// </summary>
        private async Task<(TokenLabApiException Error, TimeSpan? RetryWait)> ReadErrorAsync(HttpResponseMessage response, CallScope scope, int attempt)
        {
            using (response)
            {
                ErrorBody body = await ErrorBodyReader.ReadErrorAsync(response, redactor, scope.Token).ConfigureAwait(false);
                ResponseMetadata metadata = ResponseMetadataReader.Read(response, body.RequestId, null, scope.Elapsed, attempt, redactor);
                TimeSpan? serverWait = RetryPolicy.ServerWait(response, body);
                DateTimeOffset? windowResets = null;
                if (serverWait is null && metadata.StatusCode == 429)
                {
                    // TokenLab's 429 may carry only X-RateLimit-*: retrying sooner than the reset would spend the retries in the same window.
                    DateTimeOffset now = utcNow();
                    windowResets = RetryPolicy.RateLimitReset(response, now);
                    serverWait = windowResets - now;
                }

                bool retryable = RetryPolicy.IsRetryable(metadata.StatusCode, body) && attempt <= policy.MaxRetries;
                if (retryable && serverWait > policy.MaxRetryWait)
                {
                    throw new TokenLabApiException(body, metadata, serverWait, policy.MaxRetryWait, windowResets);
                }

                var error = new TokenLabApiException(body, metadata, serverWait, null);
                return (error, retryable ? serverWait ?? policy.Backoff(attempt) : (TimeSpan?)null);
            }
        }

        /// <summary>Waits before the next attempt, or throws <paramref name="failure"/> when there is none.</summary>
        private async Task RetryOrThrowAsync(TokenLabException failure, TimeSpan? wait, string cause, int attempt, CallScope scope)
        {
            if (wait is null || attempt > policy.MaxRetries)
            {
                throw failure;
            }

            // Waiting past the timeout would only turn this error into a less useful timeout.
            if (scope.Remaining is TimeSpan left && wait.Value >= left)
            {
                trace.Verbose("Not retrying after " + cause + ": waiting " + DurationText.Format(wait.Value)
                    + " would exceed the timeout of " + DurationText.Format(timeout));
                throw failure;
            }

            trace.Retrying(wait.Value, cause, attempt + 1, policy.MaxAttempts);
            await delay(wait.Value, scope.Token).ConfigureAwait(false);
        }

        private string ConnectionFailureMessage(HttpRequestException failure, int attempts)
        {
            string cause = failure.GetBaseException().Message;
            string detail = cause == failure.Message ? failure.Message : failure.Message + " (" + cause + ")";
            return redactor.Redact(
                "Could not get a response from TokenLab at " + baseUri.GetLeftPart(UriPartial.Authority) + " after "
                    + attempts.ToString(CultureInfo.InvariantCulture) + (attempts == 1 ? " attempt: " : " attempts: ") + detail);
        }
    }
}
