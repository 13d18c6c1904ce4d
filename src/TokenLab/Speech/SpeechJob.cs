using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client;
using TokenLab.Client.Audio;
using TokenLab.Client.IO;
using TokenLab.Client.Speech;
using TokenLab.PowerShell.Completers;
using TokenLab.PowerShell.Infrastructure;
using TokenLab.PowerShell.Output;
using TokenLab.PowerShell.Pricing;

namespace TokenLab.PowerShell.Speech
{
    /// <summary>
    /// Generates one item's speech on a background task: each target's requests stream into a temporary
    /// file beside it (its folder must exist) (renamed into place only when complete, deleted on any failure or Ctrl+C) or to the
    /// pipeline, with constant memory whatever the audio's size.
    /// </summary>
    internal sealed class SpeechJob
    {
        private const int CopyBufferSize = 81920;

        private readonly TokenLabClient _client;
        private readonly SpeechItem _item;
        private readonly IReadOnlyList<SpeechTarget> _targets;
        private readonly bool _overwrite;
        private readonly bool _namedAfterRequest;
        private readonly TransferProgress _progress;
        private readonly Action<byte[]> _writeChunk;
        private readonly int _requests;
        private int _requestsSent;
        private readonly ModelDetails _details;

        /// <param name="client">The client to call.</param>
        /// <param name="item">The item to speak.</param>
        /// <param name="targets">Where its audio goes (files to generate, or the pipeline).</param>
        /// <param name="overwrite">Replace existing files (-Force).</param>
        /// <param name="namedAfterRequest">The files are named after their requests (-OutDirectory): one that appears meanwhile holds the same audio.</param>
        /// <param name="progress">Shows the bytes received, the part being received and, where declared, its length.</param>
        /// <param name="writeChunk">Writes a chunk of audio to the pipeline (-AsByteStream); called on the pipeline thread.</param>
        /// <param name="details">The model's catalog details, for the estimated cost.</param>
        public SpeechJob(TokenLabClient client, SpeechItem item, IReadOnlyList<SpeechTarget> targets, bool overwrite, bool namedAfterRequest, TransferProgress progress, Action<byte[]> writeChunk, ModelDetails details)
        {
            _details = details;
            _client = client;
            _item = item;
            _targets = targets;
            _overwrite = overwrite;
            _namedAfterRequest = namedAfterRequest;
            _progress = progress;
            _writeChunk = writeChunk;
            _requests = targets.Sum(t => t.Texts.Count);
        }

        /// <summary>Generates every target in turn; returns the saved files (none for the pipeline).</summary>
        public async Task<IReadOnlyList<GeneratedSpeech>> RunAsync(PipelineMessageQueue queue, CancellationToken token)
        {
            try
            {
                var saved = new List<GeneratedSpeech>();
                foreach (SpeechTarget target in _targets)
                {
                    if (target.Path is null)
                    {
                        await StreamToPipelineAsync(target, queue, token).ConfigureAwait(false);
                    }
                    else
                    {
                        saved.Add(await SaveOrReuseAsync(target, target.Path, queue, token).ConfigureAwait(false));
                    }
                }

                return saved;
            }
            finally
            {
                _progress.ItemFinished();
            }
        }

        /// <summary>
        /// Saves the target; under -OutDirectory, a file of the same name that another process saved since the
        /// command looked (before the request, or before the rename) is the same request's audio and is reported as skipped.
        /// </summary>
        private async Task<GeneratedSpeech> SaveOrReuseAsync(SpeechTarget target, string path, PipelineMessageQueue queue, CancellationToken token)
        {
            try
            {
                return await SaveAsync(target, path, token).ConfigureAwait(false);
            }
            catch (OutputFileExistsException) when (_namedAfterRequest)
            {
                queue.Verbose("Skipped '" + path + "': another process saved the same request there meanwhile (processes do not coordinate beyond this).");
                return SavedAudio.Skipped(_item, target);
            }
        }

        private async Task<GeneratedSpeech> SaveAsync(SpeechTarget target, string path, CancellationToken token)
        {
            var clock = Stopwatch.StartNew();
            using (AtomicFileWriter file = AtomicFileWriter.Create(path, _overwrite || target.HoldsEmptyFile))
            {
                List<TokenLabResponse<SpeechResult>> responses = await GenerateAsync(target, file.Stream, token).ConfigureAwait(false);
                TimeSpan? duration = await CompleteAudioAsync(file.Stream, token).ConfigureAwait(false);
                long bytes = file.Stream.Length;
                file.Commit();
                SpeechUsage? usage = SpeechUsage.Sum(responses.Select(r => r.Value.Usage));
                return new GeneratedSpeech(
                    new FileInfo(path),
                    target.Text,
                    _item.Model,
                    _item.VoiceLabel,
                    _item.Format,
                    bytes,
                    duration,
                    JoinIds(responses.Select(r => r.Metadata.RequestId)),
                    JoinIds(responses.Select(r => r.Metadata.BillingTransactionId)),
                    clock.Elapsed,
                    responses.Count,
                    target.Part,
                    usage,
                    skipped: false)
                {
                    EstimatedCost = _details.Model is null ? null : CostEstimator.Estimate(_details.Model, new BillableUsage(
                        responses.Count, target.Texts.Sum(text => (long)text.Length), duration, usage?.InputTokens, usage?.OutputTokens)),
                };
            }
        }

        private async Task StreamToPipelineAsync(SpeechTarget target, PipelineMessageQueue queue, CancellationToken token)
        {
            var output = new PipelineOutputStream(queue, _writeChunk);
            List<TokenLabResponse<SpeechResult>> responses;
            if (target.Texts.Count > 1 && _item.Format == "wav")
            {
                // Joined WAV gets its sizes written at the end, so it is assembled in a temporary file first.
                string spool = Path.Combine(Path.GetTempPath(), "tokenlab-speech-" + Guid.NewGuid().ToString("N") + ".wav");
                using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, CopyBufferSize, FileOptions.DeleteOnClose | FileOptions.Asynchronous))
                {
                    responses = await GenerateAsync(target, file, token).ConfigureAwait(false);
                    file.Position = 0;
                    await file.CopyToAsync(output, CopyBufferSize, token).ConfigureAwait(false);
                }
            }
            else
            {
                responses = await GenerateAsync(target, output, token).ConfigureAwait(false);
            }

            queue.Verbose("Wrote " + ByteSizeText.Format(output.BytesWritten) + " of " + _item.Format + " speech to the pipeline (request ID "
                + JoinIds(responses.Select(r => r.Metadata.RequestId)) + ").");
        }

        /// <summary>Writes the audio of the target's requests to <paramref name="output"/>: one response as it came, several joined.</summary>
        private async Task<List<TokenLabResponse<SpeechResult>>> GenerateAsync(SpeechTarget target, Stream output, CancellationToken token)
        {
            var responses = new List<TokenLabResponse<SpeechResult>>();
            if (target.Texts.Count == 1)
            {
                _progress.PartStarted(++_requestsSent, _requests);
                responses.Add(await _client.CreateSpeechAsync(
                    _item.RequestFor(target.Texts[0]), (audio, t) => audio.CopyToAsync(output, CopyBufferSize, t), _progress, token).ConfigureAwait(false));
                return responses;
            }

            AudioJoiner joiner = AudioJoiner.Create(_item.Format, output);
            foreach (string text in target.Texts)
            {
                _progress.PartStarted(++_requestsSent, _requests);
                responses.Add(await _client.CreateSpeechAsync(_item.RequestFor(text), joiner.AppendAsync, _progress, token).ConfigureAwait(false));
            }

            await joiner.CompleteAsync(token).ConfigureAwait(false);
            return responses;
        }

        /// <summary>
        /// Fixes a streamed WAV header's placeholder sizes and reads the duration. Audio that does not
        /// parse is kept as TokenLab sent it, without a duration.
        /// </summary>
        private async Task<TimeSpan?> CompleteAudioAsync(Stream file, CancellationToken token)
        {
            if (_item.Format == "wav")
            {
                try
                {
                    await WavFormat.PatchSizesAsync(file, token).ConfigureAwait(false);
                }
                catch (InvalidDataException)
                {
                    return null;
                }
            }

            return await AudioDuration.TryReadAsync(file, _item.Format, token).ConfigureAwait(false);
        }

        private static string? JoinIds(IEnumerable<string?> ids)
        {
            string joined = string.Join(", ", ids.Where(id => id is not null));
            return joined.Length == 0 ? null : joined;
        }
    }
}
