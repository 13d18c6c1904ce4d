using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client.Audio;
using TokenLab.Client.Diagnostics;
using TokenLab.Client.Http;
using TokenLab.Client.Json;
using TokenLab.Client.Models;
using TokenLab.Client.Realtime;
using TokenLab.Client.Speech;
using TokenLab.Client.Transcription;

namespace TokenLab.Client
{
    /// <summary>
    /// Calls the TokenLab API. Cheap to create: instances with the same base URI and proxy share one
    /// HttpClient. Safe to use from several threads.
    /// </summary>
    public sealed class TokenLabClient
    {
        private readonly TokenLabClientOptions options;
        private readonly Uri baseUri;
        private readonly RetryingSender sender;
        private readonly RequestHeaders headers;
        private readonly KeyDestination destination;
        private readonly ClientTrace trace;
        private readonly SecretRedactor redactor;
        private readonly string? apiKey;

        /// <summary>Validates and copies <paramref name="options"/>.</summary>
        /// <exception cref="TokenLabConfigurationException">An option is invalid, or the key would go over plain http to another host.</exception>
        public TokenLabClient(TokenLabClientOptions options)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            this.options = options.Clone();
            TokenLabClientOptionsValidator.Validate(this.options);
            this.options.BaseUri = ApiRoot.Normalize(this.options.BaseUri)!;

            apiKey = string.IsNullOrEmpty(this.options.ApiKey) ? null : this.options.ApiKey;
            baseUri = this.options.BaseUri;
            headers = new RequestHeaders(apiKey, this.options.UserAgent, this.options.DeliveryPolicy);
            destination = new KeyDestination(baseUri, apiKey != null);
            redactor = new SecretRedactor(apiKey, this.options.Proxy?.Credential?.Password);
            trace = new ClientTrace(this.options.Trace, redactor);
            sender = new RetryingSender(
                HttpClientPool.Get(baseUri, this.options.Proxy, this.options.Platform),
                baseUri,
                headers,
                destination,
                new RetryPolicy(this.options.MaxRetries, this.options.MaxRetryWait, this.options.JitterSource ?? new Random()),
                this.options.Timeout,
                this.options.Delay,
                this.options.UtcNow,
                trace,
                redactor);
        }

        /// <summary>The copy of the options this client uses; changing it has no effect on the client.</summary>
        public TokenLabClientOptions Options => options;

        /// <summary>Where requests carrying the key may go: the base URI's origin.</summary>
        internal KeyDestination Destination => destination;

        /// <summary>Masks the key and the proxy password in server-derived text.</summary>
        internal SecretRedactor Redactor => redactor;

        /// <summary>Lists models (<c>GET /v1/models</c>), in the server's order (by rank with recommended_for).</summary>
        public Task<TokenLabResponse<IReadOnlyList<TokenLabModel>>> ListModelsAsync(ModelListQuery query, CancellationToken cancellationToken)
        {
            if (query is null)
            {
                throw new ArgumentNullException(nameof(query));
            }

            var parameters = new List<KeyValuePair<string, string?>>
            {
                new KeyValuePair<string, string?>("recommended_for", query.RecommendedFor),
                new KeyValuePair<string, string?>("category", query.Category),
                new KeyValuePair<string, string?>("provider", query.Provider),
                new KeyValuePair<string, string?>("tag", query.Tag),
                new KeyValuePair<string, string?>("view", query.Compact ? "compact" : null),
            };
            Uri uri = BuildUri("v1/models", parameters);
            string? recommendedFor = string.IsNullOrEmpty(query.RecommendedFor) ? null : query.RecommendedFor;
            return SendJsonAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), root => ModelJsonReader.ReadList(root, recommendedFor), cancellationToken);
        }

        /// <summary>Gets one model's detail (<c>GET /v1/models/{id}</c>); an unknown ID is a 404 <see cref="TokenLabApiException"/> with DidYouMean.</summary>
        public Task<TokenLabResponse<TokenLabModel>> GetModelAsync(string modelId, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(modelId))
            {
                throw new ArgumentException("A model ID is required.", nameof(modelId));
            }

            Uri uri = BuildUri("v1/models/" + Uri.EscapeDataString(modelId), Array.Empty<KeyValuePair<string, string?>>());
            return SendJsonAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), ModelJsonReader.ReadDetail, cancellationToken);
        }

        /// <summary>
        /// Opens a realtime session (<c>GET /v1/realtime?model=</c> upgraded to a WebSocket, <c>wss://</c> for an
        /// https base URI) with the Bearer key and the client's proxy. The handshake is not retried and must
        /// finish within the client's timeout; the session has no timeout of its own.
        /// </summary>
        /// <exception cref="ArgumentException">No model: TokenLab requires one for the upgrade.</exception>
        /// <exception cref="TokenLabConfigurationException">No API key: realtime sessions need one.</exception>
        /// <exception cref="TokenLabApiException">The upgrade was rejected (400, 401, 402, 403, 429, …), with the error code, message and request ID.</exception>
        /// <exception cref="TokenLabConnectionException">The service or the proxy could not be reached.</exception>
        /// <exception cref="TokenLabTimeoutException">The handshake took longer than the client's timeout.</exception>
        public async Task<RealtimeSession> ConnectRealtimeAsync(string model, RealtimeSessionOptions? sessionOptions, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(model))
            {
                throw new ArgumentException("A model is required: TokenLab opens realtime sessions at /v1/realtime?model=<id>.", nameof(model));
            }

            if (apiKey is null)
            {
                throw new TokenLabConfigurationException("Realtime sessions need an API key.");
            }

            RealtimeSessionOptions bounds = sessionOptions ?? new RealtimeSessionOptions();
            bounds.Validate();
            var uri = new UriBuilder(BuildUri("v1/realtime", new[] { new KeyValuePair<string, string?>("model", model) }));
            uri.Scheme = uri.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
            var connector = new RealtimeConnector(redactor, headers, destination, options.Proxy, options.Timeout, bounds.KeepAliveInterval, trace, options.Platform);
            RealtimeConnection connection = await connector.ConnectAsync(uri.Uri, cancellationToken).ConfigureAwait(false);
            return new RealtimeSession(connection, model, uri.Uri, bounds);
        }

        /// <summary>
        /// Generates speech (<c>POST /v1/audio/speech</c>) and hands the audio to <paramref name="writeAudio"/>
        /// as it arrives: the raw body, or for a <c>text/event-stream</c> response the decoded audio of its
        /// events. Nothing is buffered, so memory use does not grow with the audio. Retries happen only
        /// before the first body byte. A body cut off (or an event stream without its done event) throws
        /// <see cref="TokenLabProtocolException"/>; an exception thrown by the writer itself reaches the
        /// caller unchanged.
        /// </summary>
        /// <param name="request">The request body.</param>
        /// <param name="writeAudio">Reads the audio stream to its end (what is left unread is drained, to detect a cut-off).</param>
        /// <param name="progress">Told the audio's length where the response declares it, and each count of audio bytes read, from the reading thread; may be null.</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        public async Task<TokenLabResponse<SpeechResult>> CreateSpeechAsync(
            SpeechRequest request, Func<Stream, CancellationToken, Task> writeAudio, ISpeechDownloadProgress? progress, CancellationToken cancellationToken)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            if (writeAudio is null)
            {
                throw new ArgumentNullException(nameof(writeAudio));
            }

            byte[] body = SpeechRequestJson.Serialize(request);
            Uri uri = BuildUri("v1/audio/speech", Array.Empty<KeyValuePair<string, string?>>());
            using (TokenLabHttpResponse response = await SendAsync(() => SpeechHttpRequest(uri, body, request.Stream), cancellationToken).ConfigureAwait(false))
            {
                string? mediaType = response.Message.Content.Headers.ContentType?.MediaType;
                if (string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
                {
                    throw new TokenLabProtocolException(
                        "TokenLab answered the speech request with JSON instead of audio.", response.CreateMetadata(null).RequestId, null);
                }

                bool streamed = string.Equals(mediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase);
                progress?.Started(streamed ? null : response.Message.Content.Headers.ContentLength);
                Action<long>? bytesReceived = progress is null ? null : progress.Received;
                try
                {
                    (long bytes, SpeechUsage? usage) = await response.ReadBodyAsync(
                        (stream, token) => ReadSpeechBodyAsync(stream, streamed, redactor, writeAudio, bytesReceived, token)).ConfigureAwait(false);
                    return new TokenLabResponse<SpeechResult>(new SpeechResult(mediaType, bytes, streamed, usage), response.CreateMetadata(null));
                }
                catch (AudioOutputException ex)
                {
                    ExceptionDispatchInfo.Capture(ex.InnerException!).Throw();
                    throw;
                }
            }
        }

        private static HttpRequestMessage SpeechHttpRequest(Uri uri, byte[] body, bool stream)
        {
            var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(stream ? "text/event-stream" : "audio/*"));
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.5));

            // Audio is already compressed; gzip would only cost time (and the body is streamed, not capped).
            message.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity"));
            return message;
        }

        private static async Task<(long Bytes, SpeechUsage? Usage)> ReadSpeechBodyAsync(
            Stream body, bool streamed, SecretRedactor redactor, Func<Stream, CancellationToken, Task> writeAudio, Action<long>? bytesReceived, CancellationToken token)
        {
            SpeechEventAudioStream? events = streamed ? new SpeechEventAudioStream(body, redactor) : null;
            var audio = new BodyReadStream(events ?? body, bytesReceived);
            try
            {
                await writeAudio(audio, token).ConfigureAwait(false);
                await audio.CopyToAsync(Stream.Null, 81920, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!audio.Threw(ex) && !(ex is OperationCanceledException) && !(ex is InvalidDataException))
            {
                throw new AudioOutputException(ex);
            }

            return (audio.BytesRead, events?.Usage);
        }

        /// <summary>
        /// Transcribes or translates audio (<c>POST /v1/audio/transcriptions</c> or <c>/translations</c>). The
        /// audio is streamed, and opened again for a retry. When the service accepts an asynchronous task
        /// instead of answering, the task is polled until it ends (Metadata.TaskId says which). The client's
        /// timeout bounds the whole call, polling included.
        /// </summary>
        /// <param name="request">What to send.</param>
        /// <param name="progress">Told about the upload, the wait, and the task's states; may be null.</param>
        /// <param name="cancellationToken">Cancels the upload or the polling at once.</param>
        /// <exception cref="ArgumentException">The request cannot succeed (format, size, language with translation); nothing was sent.</exception>
        /// <exception cref="TokenLabTaskFailedException">The accepted task failed or was cancelled.</exception>
        public Task<TokenLabResponse<Transcript>> TranscribeAsync(
            TranscriptionRequest request, IProgress<TranscriptionProgress>? progress, CancellationToken cancellationToken)
        {
            if (request is null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            return new Transcriber(this).TranscribeAsync(request, progress, 1, 1, cancellationToken);
        }

        /// <summary>
        /// Transcribes the parts of a split file one after another and joins the results. Each part after the
        /// first gets the end of the previous part's text as its prompt (unless the request has a prompt), so
        /// the model keeps the context across the cut.
        /// </summary>
        /// <param name="request">The settings for every part; its own audio is not sent.</param>
        /// <param name="parts">The parts, from <see cref="AudioSplitter"/>.</param>
        /// <param name="progress">Told about each part's upload and wait, with its number; may be null.</param>
        /// <param name="cancellationToken">Cancels at once.</param>
        public async Task<SplitTranscription> TranscribePartsAsync(
            TranscriptionRequest request, IReadOnlyList<AudioPart> parts, IProgress<TranscriptionProgress>? progress, CancellationToken cancellationToken)
        {
            if (request is null || parts is null || parts.Count == 0)
            {
                throw new ArgumentException("A request and at least one part are required.");
            }

            var responses = new List<TokenLabResponse<Transcript>>(parts.Count);
            string? previousText = null;
            foreach (AudioPart part in parts)
            {
                TranscriptionRequest partRequest = request.With(part.Upload, request.Prompt ?? PromptContinuation.From(previousText));
                TokenLabResponse<Transcript> response = await new Transcriber(this)
                    .TranscribeAsync(partRequest, progress, part.Number, parts.Count, cancellationToken)
                    .ConfigureAwait(false);
                responses.Add(response);
                previousText = response.Value.Text;
            }

            Transcript merged = TranscriptMerger.Merge(responses.ConvertAll(r => r.Value), parts);
            return new SplitTranscription(merged, responses);
        }

        /// <summary>
        /// Sends a request with retries and returns once a success status and its headers have arrived,
        /// leaving the body to the caller (dispose the result). <paramref name="requestFactory"/> is
        /// called once per attempt and must build a new request each time (re-open files; the sender
        /// disposes each request). Common headers are added; an Accept the factory set is kept.
        /// </summary>
        internal Task<TokenLabHttpResponse> SendAsync(Func<HttpRequestMessage> requestFactory, CancellationToken cancellationToken) =>
            sender.SendAsync(requestFactory, cancellationToken);

        /// <summary>
        /// <see cref="SendAsync"/>, then reads the JSON body and maps it. <paramref name="map"/> throws
        /// <see cref="System.IO.InvalidDataException"/> for a body of the wrong shape (a protocol error).
        /// </summary>
        internal async Task<TokenLabResponse<T>> SendJsonAsync<T>(
            Func<HttpRequestMessage> requestFactory, Func<JsonElement, T> map, CancellationToken cancellationToken)
        {
            using (TokenLabHttpResponse response = await SendAsync(requestFactory, cancellationToken).ConfigureAwait(false))
            {
                (T value, string? billingTransactionId) = await response
                    .ReadJsonAsync(root => (map(root), root.GetStringOrNull("billing_transaction_id")))
                    .ConfigureAwait(false);
                return new TokenLabResponse<T>(value, response.CreateMetadata(billingTransactionId));
            }
        }

        /// <summary>An absolute URI under the base URI; null or empty query values are left out.</summary>
        internal Uri BuildUri(string relativePath, IEnumerable<KeyValuePair<string, string?>> query)
        {
            var text = new StringBuilder(relativePath);
            char separator = '?';
            foreach (KeyValuePair<string, string?> parameter in query)
            {
                if (!string.IsNullOrEmpty(parameter.Value))
                {
                    text.Append(separator).Append(Uri.EscapeDataString(parameter.Key)).Append('=').Append(Uri.EscapeDataString(parameter.Value));
                    separator = '&';
                }
            }

            return new Uri(baseUri, text.ToString());
        }
    }
}
