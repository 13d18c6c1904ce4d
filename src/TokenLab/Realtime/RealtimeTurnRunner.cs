using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client.Audio;
using TokenLab.Client.IO;
using TokenLab.Client.Realtime;
using TokenLab.PowerShell.Errors;
using TokenLab.PowerShell.Infrastructure;
using TokenLab.PowerShell.Output;

namespace TokenLab.PowerShell.Realtime
{
    /// <summary>
    /// Runs the turns of Start-TokenLabRealtime -Text / -InputFile on one session: sends the input, asks for a
    /// response, writes its audio deltas to a WAV file (atomically, as they arrive) and gathers the transcript
    /// or text until response.done. Error events become error records; a failed turn leaves no file.
    /// </summary>
    internal sealed class RealtimeTurnRunner
    {
        private readonly RealtimeSession session;
        private readonly TimeSpan timeout;
        private readonly Action<ErrorRecord> writeError;
        private readonly HashSet<string> earlierResponses = new HashSet<string>(StringComparer.Ordinal);
        private int turns;

        /// <summary>Turns run on <paramref name="session"/>, each within <paramref name="timeout"/>; <paramref name="writeError"/>
        /// writes an error record and is called on the pipeline thread (through the queue).</summary>
        public RealtimeTurnRunner(RealtimeSession session, TimeSpan timeout, Action<ErrorRecord> writeError)
        {
            this.session = session;
            this.timeout = timeout;
            this.writeError = writeError;
        }

        /// <summary>A turn with text input (a user message item).</summary>
        public Task<TokenLabRealtimeTurn?> RunTextAsync(string text, string? outFile, bool overwrite, PipelineMessageQueue queue, CancellationToken token)
        {
            string itemId = "tl_item_" + Next();
            string item = new JsonObject
            {
                ["type"] = "conversation.item.create",
                ["event_id"] = itemId,
                ["item"] = new JsonObject
                {
                    ["type"] = "message",
                    ["role"] = "user",
                    ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = text }),
                },
            }.ToJsonString();
            return RunAsync(text, outFile, overwrite, queue, token, limit => SendAsync(item, itemId, queue, limit));
        }

        /// <summary>A turn with audio input: appended in bounded chunks, then committed.</summary>
        public Task<TokenLabRealtimeTurn?> RunAudioAsync(string path, RealtimeInputAudio audio, string? outFile, bool overwrite, PipelineMessageQueue queue, CancellationToken token)
        {
            string commitId = "tl_commit_" + Next();
            return RunAsync(path, outFile, overwrite, queue, token, async limit =>
            {
                int appended = await session.SendAudioAsync(audio.Pcm, null, limit).ConfigureAwait(false);
                queue.Verbose(string.Format(CultureInfo.InvariantCulture, "Sent {0} input_audio_buffer.append events ({1:0.0} s of audio from {2})",
                    appended, audio.Duration.TotalSeconds, audio.Format));
                await SendAsync("{\"type\":\"input_audio_buffer.commit\",\"event_id\":\"" + commitId + "\"}", commitId, queue, limit).ConfigureAwait(false);
            });
        }

        private async Task<TokenLabRealtimeTurn?> RunAsync(
            string input, string? outFile, bool overwrite, PipelineMessageQueue queue, CancellationToken token, Func<CancellationToken, Task> sendInput)
        {
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(token))
            {
                limit.CancelAfter(timeout);
                var clock = Stopwatch.StartNew();
                var reply = new ReplyAudio(outFile, overwrite);
                try
                {
                    await sendInput(limit.Token).ConfigureAwait(false);
                    string createId = "tl_response_" + Next();
                    await SendAsync("{\"type\":\"response.create\",\"event_id\":\"" + createId + "\"}", createId, queue, limit.Token).ConfigureAwait(false);
                    return await CollectAsync(input, reply, createId, clock, queue, limit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (limit.IsCancellationRequested && !token.IsCancellationRequested)
                {
                    // The response may still be running: the session cannot take another turn.
                    throw new TimeoutException("The realtime turn did not finish within " + timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " seconds.", ex);
                }
                finally
                {
                    reply.Dispose();
                }
            }
        }

        /// <summary>
        /// Reads events until our response is done; null when the turn failed (reported already). Turns run one
        /// at a time, so the response this turn sees first is ours; what is left of an earlier turn's response
        /// (one that failed while its reply streamed) is passed over.
        /// </summary>
        private async Task<TokenLabRealtimeTurn?> CollectAsync(
            string input, ReplyAudio reply, string createId, Stopwatch clock, PipelineMessageQueue queue, CancellationToken token)
        {
            string? responseId = null;
            try
            {
                return await CollectResponseAsync(input, reply, createId, id => responseId ??= id, clock, queue, token).ConfigureAwait(false);
            }
            finally
            {
                if (responseId != null)
                {
                    earlierResponses.Add(responseId);
                }
            }
        }

        private async Task<TokenLabRealtimeTurn?> CollectResponseAsync(
            string input, ReplyAudio reply, string createId, Func<string, string> ourResponse, Stopwatch clock, PipelineMessageQueue queue, CancellationToken token)
        {
            var spoken = new StringBuilder();
            string? final = null;
            bool textOutput = false;
            while (true)
            {
                RealtimeEvent received = await session.ReceiveAsync(token).ConfigureAwait(false)
                    ?? throw RealtimeErrorRecords.ClosedError(session);
                queue.Verbose("Received " + received.Type);
                bool ours = received.ResponseId is null
                    || (!earlierResponses.Contains(received.ResponseId) && ourResponse(received.ResponseId) == received.ResponseId);
                switch (received.GaType)
                {
                    case RealtimeEventTypes.Error:
                        Report(queue, RealtimeErrorRecords.FromErrorEvent(received.Error!, session.SessionId, input));
                        if (received.Error!.ClientEventId == createId)
                        {
                            return null;
                        }

                        break;
                    case var _ when !ours:
                        break;
                    case RealtimeEventTypes.OutputAudioDelta when received.Audio != null:
                        await reply.WriteAsync(received.Audio, token).ConfigureAwait(false);
                        break;
                    case RealtimeEventTypes.OutputAudioTranscriptDelta:
                        spoken.Append(received.Delta);
                        break;
                    case RealtimeEventTypes.OutputTextDelta:
                        textOutput = true;
                        spoken.Append(received.Delta);
                        break;
                    case RealtimeEventTypes.OutputAudioTranscriptDone:
                        final = received.Transcript;
                        break;
                    case RealtimeEventTypes.OutputTextDone:
                        textOutput = true;
                        final = received.Text;
                        break;
                    case RealtimeEventTypes.ResponseDone:
                        return await FinishAsync(input, reply, received, final ?? spoken.ToString(), textOutput, clock, queue, token).ConfigureAwait(false);
                }
            }
        }

        private async Task<TokenLabRealtimeTurn?> FinishAsync(
            string input, ReplyAudio reply, RealtimeEvent done, string words, bool textOutput, Stopwatch clock, PipelineMessageQueue queue, CancellationToken token)
        {
            if (done.ResponseStatus != null && done.ResponseStatus != "completed")
            {
                Report(queue, RealtimeErrorRecords.ResponseFailed(done.ResponseStatus, done.ResponseId, input));
                return null;
            }

            string? audioPath = await reply.CommitAsync(token).ConfigureAwait(false);
            return new TokenLabRealtimeTurn(
                input,
                textOutput ? null : words,
                textOutput ? words : null,
                audioPath,
                RealtimeAudio.Duration(reply.Bytes),
                done.Usage ?? RealtimeUsage.None,
                done.ResponseId,
                session.SessionId,
                session.RequestId,
                session.Model,
                clock.Elapsed);
        }

        private async Task SendAsync(string eventJson, string eventId, PipelineMessageQueue queue, CancellationToken token)
        {
            string type = await session.SendAsync(eventJson, token).ConfigureAwait(false);
            queue.Verbose("Sent " + type + " (" + eventId + ")");
        }

        private void Report(PipelineMessageQueue queue, ErrorRecord record) => queue.Post(() => writeError(record));

        private string Next() => (++turns).ToString(CultureInfo.InvariantCulture);

        /// <summary>The reply's WAV file: created at the first audio delta, committed only when the response completed.</summary>
        private sealed class ReplyAudio : IDisposable
        {
            private readonly string? path;
            private readonly bool overwrite;
            private AtomicFileWriter? file;
            private StreamingWavWriter? wav;

            public ReplyAudio(string? path, bool overwrite)
            {
                this.path = path;
                this.overwrite = overwrite;
            }

            public long Bytes { get; private set; }

            public async Task WriteAsync(byte[] audio, CancellationToken token)
            {
                Bytes += audio.Length;
                if (path is null)
                {
                    return;
                }

                if (file is null)
                {
                    file = AtomicFileWriter.Create(path, overwrite);
                    wav = new StreamingWavWriter(file.Stream, RealtimeAudio.Format);
                }

                await wav!.WriteAsync(audio, 0, audio.Length, token).ConfigureAwait(false);
            }

            /// <summary>Completes the file; returns its path, or null when no audio came or none was asked for.</summary>
            public async Task<string?> CommitAsync(CancellationToken token)
            {
                if (file is null)
                {
                    return null;
                }

                await wav!.CompleteAsync(token).ConfigureAwait(false);
                file.Commit();
                return file.TargetPath;
            }

            public void Dispose() => file?.Dispose();
        }
    }
}
