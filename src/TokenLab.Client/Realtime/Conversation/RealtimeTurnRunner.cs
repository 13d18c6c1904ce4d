using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace TokenLab.Client.Realtime
{
    /// <summary>
    /// Runs turns on one realtime session, one at a time: sends the input (a user text message, or audio appended
    /// in bounded chunks and committed), asks for a response, writes its audio deltas to a WAV file as they arrive
    /// (atomically: the file appears only when the response completed) and gathers the transcript or text, the
    /// usage and the status until response.done. Each turn has its own timeout on top of the caller's cancellation.
    /// </summary>
    public sealed class RealtimeTurnRunner
    {
        private readonly RealtimeSession session;
        private readonly TimeSpan timeout;
        private readonly HashSet<string> earlierResponses = new HashSet<string>(StringComparer.Ordinal);
        private int turns;

        /// <summary>Turns on <paramref name="session"/>, each within <paramref name="timeout"/>.</summary>
        public RealtimeTurnRunner(RealtimeSession session, TimeSpan timeout)
        {
            this.session = session ?? throw new ArgumentNullException(nameof(session));
            this.timeout = timeout;
        }

        /// <summary>The session the turns run on.</summary>
        public RealtimeSession Session => session;

        /// <summary>A turn with text input (a user message item).</summary>
        /// <exception cref="TimeoutException">No response.done within the timeout; the response may still run, so the session cannot take another turn.</exception>
        /// <exception cref="TokenLabRealtimeClosedException">The session closed during the turn.</exception>
        /// <exception cref="OperationCanceledException">Cancelled; no reply file is left.</exception>
        public Task<RealtimeTurnResult> RunTextAsync(string text, RealtimeTurnOptions? options, CancellationToken cancellationToken)
        {
            string itemId = "tl_item_" + Next();
            string item = RealtimeClientEvents.UserText(text, itemId);
            return RunAsync(options ?? new RealtimeTurnOptions(), cancellationToken, (o, limit) => SendAsync(item, itemId, o, limit));
        }

        /// <summary>A turn with audio input: appended in half-second chunks as it is read, then committed.</summary>
        /// <exception cref="TimeoutException">As for <see cref="RunTextAsync"/>.</exception>
        /// <exception cref="TokenLabRealtimeClosedException">As for <see cref="RunTextAsync"/>.</exception>
        /// <exception cref="OperationCanceledException">As for <see cref="RunTextAsync"/>.</exception>
        public Task<RealtimeTurnResult> RunAudioAsync(RealtimeInputAudio audio, RealtimeTurnOptions? options, CancellationToken cancellationToken)
        {
            if (audio is null)
            {
                throw new ArgumentNullException(nameof(audio));
            }

            string commitId = "tl_commit_" + Next();
            return RunAsync(options ?? new RealtimeTurnOptions(), cancellationToken, async (o, limit) =>
            {
                int appended = await session.SendAudioAsync(audio.Pcm, null, limit).ConfigureAwait(false);
                o.Trace?.Invoke(string.Format(CultureInfo.InvariantCulture, "Sent {0} input_audio_buffer.append events ({1:0.0} s of audio from {2})",
                    appended, audio.Duration.TotalSeconds, audio.Format));
                await SendAsync(RealtimeClientEvents.InputAudioCommit(commitId), commitId, o, limit).ConfigureAwait(false);
            });
        }

        internal static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

        private async Task<RealtimeTurnResult> RunAsync(RealtimeTurnOptions options, CancellationToken token, Func<RealtimeTurnOptions, CancellationToken, Task> sendInput)
        {
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(token))
            using (var reply = new ReplyAudioFile(options.OutFile, options.Overwrite))
            {
                limit.CancelAfter(timeout);
                var clock = Stopwatch.StartNew();
                try
                {
                    await sendInput(options, limit.Token).ConfigureAwait(false);
                    string createId = "tl_response_" + Next();
                    await SendAsync(RealtimeClientEvents.ResponseCreate(createId), createId, options, limit.Token).ConfigureAwait(false);
                    return await CollectAsync(reply, createId, clock, options, limit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (limit.IsCancellationRequested && !token.IsCancellationRequested)
                {
                    throw new TimeoutException("The realtime turn did not finish within " + Seconds(timeout) + " seconds.", ex);
                }
            }
        }

        /// <summary>
        /// Reads events until our response is done. Turns run one at a time, so the response this turn sees first
        /// is ours; what is left of an earlier turn's response (one that timed out or failed while its reply
        /// streamed) is passed over.
        /// </summary>
        private async Task<RealtimeTurnResult> CollectAsync(ReplyAudioFile reply, string createId, Stopwatch clock, RealtimeTurnOptions options, CancellationToken token)
        {
            string? responseId = null;
            var spoken = new StringBuilder();
            string? final = null;
            bool textOutput = false;
            try
            {
                while (true)
                {
                    RealtimeEvent received = await session.ReceiveAsync(token).ConfigureAwait(false)
                        ?? throw new TokenLabRealtimeClosedException(session.CloseReason ?? RealtimeCloseReason.ClosedByClient, session.CloseStatus, session.CloseDescription, session.RequestId);
                    options.Trace?.Invoke("Received " + received.Type);
                    if (received.ResponseId != null && !earlierResponses.Contains(received.ResponseId))
                    {
                        responseId ??= received.ResponseId;
                    }

                    bool ours = received.ResponseId is null || received.ResponseId == responseId;
                    switch (received.GaType)
                    {
                        case RealtimeEventTypes.Error:
                            options.ErrorReceived?.Invoke(received.Error!);
                            if (received.Error!.ClientEventId == createId)
                            {
                                return RealtimeTurnResult.Refused(received.Error, clock.Elapsed);
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
                            string words = final ?? spoken.ToString();
                            bool completed = received.ResponseStatus is null || received.ResponseStatus == "completed";
                            string? audioPath = completed ? await reply.CommitAsync(token).ConfigureAwait(false) : null;
                            return new RealtimeTurnResult(
                                completed ? RealtimeTurnStatus.Completed : RealtimeTurnStatus.Failed,
                                received.ResponseStatus ?? "completed",
                                textOutput ? null : words,
                                textOutput ? words : null,
                                audioPath,
                                RealtimeAudio.Duration(reply.Bytes),
                                received.Usage ?? RealtimeUsage.None,
                                received.ResponseId,
                                null,
                                clock.Elapsed);
                    }
                }
            }
            finally
            {
                if (responseId != null)
                {
                    earlierResponses.Add(responseId);
                }
            }
        }

        private async Task SendAsync(string eventJson, string eventId, RealtimeTurnOptions options, CancellationToken token)
        {
            string type = await session.SendAsync(eventJson, token).ConfigureAwait(false);
            options.Trace?.Invoke("Sent " + type + " (" + eventId + ")");
        }

        private string Next() => Interlocked.Increment(ref turns).ToString(CultureInfo.InvariantCulture);
    }
}
