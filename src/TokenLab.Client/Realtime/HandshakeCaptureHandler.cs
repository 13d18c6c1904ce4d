using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client.Diagnostics;
using TokenLab.Client.Errors;
using TokenLab.Client.Http;

namespace TokenLab.Client.Realtime
{
    /// <summary>
    /// Sits under the WebSocket handshake (.NET 7+): adds the Authorization and User-Agent headers, traces
    /// the upgrade request and its answer with the key redacted, and keeps what a rejected upgrade said
    /// (status, error code and message, request ID), which ClientWebSocket itself reports only as
    /// "status 401 when 101 was expected".
    /// </summary>
    internal sealed class HandshakeCaptureHandler : DelegatingHandler
    {
        private readonly RequestHeaders headers;
        private readonly ClientTrace trace;
        private readonly SecretRedactor redactor;

        public HandshakeCaptureHandler(HttpMessageHandler inner, RequestHeaders headers, ClientTrace trace, SecretRedactor redactor)
            : base(inner)
        {
            this.headers = headers;
            this.trace = trace;
            this.redactor = redactor;
        }

        /// <summary>The error of a rejected or unswitched upgrade; null until one was.</summary>
        public TokenLabException? Rejection { get; private set; }

        /// <summary>The request ID of the accepted upgrade.</summary>
        public string? RequestId { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            headers.Apply(request);
            trace.Request(request);
            var clock = Stopwatch.StartNew();
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            string? requestId = ResponseMetadataReader.HeaderRequestId(response, redactor);
            trace.Response(response, clock.Elapsed, requestId);
            if (response.StatusCode == HttpStatusCode.SwitchingProtocols)
            {
                RequestId = requestId;
                return response;
            }

            ErrorBody body = await ErrorBodyReader.ReadErrorAsync(response, redactor, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                Rejection = UnswitchedUpgrade.Describe((int)response.StatusCode, body.Body, requestId, redactor);
                return response;
            }

            ResponseMetadata metadata = ResponseMetadataReader.Read(response, body.RequestId, null, clock.Elapsed, 1, redactor);
            Rejection = new TokenLabApiException(body, metadata, RetryPolicy.ServerWait(response, body), null);
            return response;
        }
    }
}
