using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client.Http;
using TokenLab.Client.IO;

namespace TokenLab.Client.Transcription
{
    /// <summary>
    /// One transcription call: the streamed upload (re-opened per attempt), the reply, and, when the service
    /// accepts a task instead, the polling. The client's timeout bounds the whole call, polling included.
    /// </summary>
    internal sealed class Transcriber
    {
        private readonly TokenLabClient client;

        public Transcriber(TokenLabClient client)
        {
            this.client = client;
        }

        public async Task<TokenLabResponse<Transcript>> TranscribeAsync(
            TranscriptionRequest request, IProgress<TranscriptionProgress>? progress, int part, int partCount, CancellationToken cancellationToken)
        {
            request.Validate();
            Stopwatch clock = Stopwatch.StartNew();
            var sink = new TranscriptionProgressSink(progress, request.Audio.Length, clock, part, partCount);
            TimeSpan timeout = client.Options.Timeout;
            using (var whole = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                if (timeout != Timeout.InfiniteTimeSpan)
                {
                    whole.CancelAfter(timeout);
                }

                AcceptedTask? task = null;
                try
                {
                    (TranscriptionReply reply, ResponseMetadata metadata) = await UploadAsync(request, sink, whole.Token).ConfigureAwait(false);
                    if (reply.Transcript is Transcript transcript)
                    {
                        sink.Completed();
                        return new TokenLabResponse<Transcript>(transcript, metadata);
                    }

                    task = reply.Task!;
                    sink.WaitingForTask(task.Id, task.Status, null);
                    string taskId = task.Id;
                    TaskSnapshot done = await new TaskPoller(client)
                        .WaitAsync(task, request.ResponseFormat, snapshot => sink.WaitingForTask(taskId, snapshot.Status, snapshot.Percent), whole.Token)
                        .ConfigureAwait(false);
                    sink.Completed();
                    return new TokenLabResponse<Transcript>(done.Transcript!, metadata.ForTask(task.Id, done.BillingTransactionId, clock.Elapsed));
                }
                catch (OperationCanceledException ex) when (whole.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    // The whole call's timeout, seen by a part of it as its caller's cancellation.
                    string what = task is null ? "The TokenLab transcription" : "The TokenLab task " + task.Id;
                    throw new TokenLabTimeoutException(timeout, what, null, ex);
                }
            }
        }

        private async Task<(TranscriptionReply Reply, ResponseMetadata Metadata)> UploadAsync(
            TranscriptionRequest request, TranscriptionProgressSink sink, CancellationToken cancellationToken)
        {
            Uri uri = client.BuildUri(request.Translate ? "v1/audio/translations" : "v1/audio/transcriptions", Array.Empty<KeyValuePair<string, string?>>());
            using (TokenLabHttpResponse response = await client.SendAsync(() => CreateRequest(uri, request, sink), cancellationToken).ConfigureAwait(false))
            {
                TranscriptionReply reply = await TranscriptionReply.ReadAsync(response, request.ResponseFormat).ConfigureAwait(false);
                return (reply, response.CreateMetadata(reply.BillingTransactionId));
            }
        }

        /// <summary>Called once per attempt: the audio is opened afresh and its progress starts again from 0.</summary>
        private static HttpRequestMessage CreateRequest(Uri uri, TranscriptionRequest request, TranscriptionProgressSink sink)
        {
            sink.Uploading(0);
            Stream audio = new ProgressReportingStream(request.Audio.Open(), sink.Uploading, sink.Uploaded);
            try
            {
                var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = TranscriptionContent.Create(request, audio) };
                message.Headers.Accept.ParseAdd("application/json");
                message.Headers.Accept.ParseAdd("text/plain");
                return message;
            }
            catch
            {
                audio.Dispose();
                throw;
            }
        }
    }
}
