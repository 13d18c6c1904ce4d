using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client;
using TokenLab.Client.Audio;
using TokenLab.Client.Transcription;
using TokenLab.PowerShell.Completers;
using TokenLab.PowerShell.Errors;
using TokenLab.PowerShell.Infrastructure;
using TokenLab.PowerShell.Output;
using TokenLab.PowerShell.Pricing;

namespace TokenLab.PowerShell.Transcription
{
    /// <summary>
    /// The work for one checked input, off the pipeline thread: split when needed, send, follow a task, save the
    /// transcript, and build the output object. Messages and progress go through the pipeline queue.
    /// </summary>
    internal sealed class AudioTranscriptionJob
    {
        private readonly TokenLabClient client;
        private readonly TranscriptionSettings settings;
        private readonly TranscriptOutputPlan? output;
        private readonly Task<ModelDetails> details;

        /// <param name="client">The client to call.</param>
        /// <param name="settings">What every input is sent with.</param>
        /// <param name="output">Where transcripts are saved; null for nowhere.</param>
        /// <param name="details">The lookup of the model's catalog details, started when the input arrived: the default format and the estimated cost.</param>
        public AudioTranscriptionJob(TokenLabClient client, TranscriptionSettings settings, TranscriptOutputPlan? output, Task<ModelDetails> details)
        {
            this.client = client;
            this.settings = settings;
            this.output = output;
            this.details = details;
        }

        /// <param name="input">An input that passed <see cref="AudioInputCheck"/>.</param>
        /// <param name="split">True when the input is over the limit and goes in parts.</param>
        /// <param name="replaceOutdated">Replace a saved transcript older than the recording (see <see cref="InputDecision.ReplacesOutdated"/>).</param>
        /// <param name="progress">Receives the call's progress.</param>
        /// <param name="queue">Carries verbose messages to the pipeline thread.</param>
        /// <param name="cancellationToken">Ctrl+C.</param>
        /// <exception cref="TokenLabException">The call failed.</exception>
        /// <exception cref="TokenLabInputException">The audio could not be split.</exception>
        /// <exception cref="IOException">The transcript could not be saved (OutputFileExistsException: another writer was first).</exception>
        public async Task<TokenLabTranscript> RunAsync(AudioInput input, bool split, bool replaceOutdated, IProgress<TranscriptionProgress> progress, PipelineMessageQueue queue, CancellationToken cancellationToken)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var origin = new TranscriptionOrigin(input.Source, settings.Model, settings.TaskName);
            TranscriptFormat format = settings.Format;
            bool catalogChose = false;
            if (!settings.FormatChosen)
            {
                ModelDetails catalog = await TokenLabApiCmdlet.WhenDone(details, cancellationToken).ConfigureAwait(false);
                if (TranscriptionSettings.DefaultFormatFor(catalog.Model) is TranscriptFormat listed)
                {
                    catalogChose = true;
                    format = listed;
                    if (format != settings.Format)
                    {
                        queue.Verbose("The catalog lists no " + settings.Format.ToWireName() + " for " + settings.Model + "; asking for " + format.ToWireName() + " (no segment timings).");
                    }
                }
            }

            Transcript transcript;
            try
            {
                transcript = await TranscribeAsync(input, split, format, origin, progress, queue, cancellationToken).ConfigureAwait(false);
            }
            catch (TokenLabApiException ex) when (!settings.FormatChosen && !catalogChose && ex.StatusCode == 400 && ex.Param == "response_format")
            {
                // A model the catalog does not describe refused verbose_json (as gpt-4o-transcribe does): ask again for json.
                queue.Verbose("The model " + settings.Model + " does not return verbose_json; asking for json instead (no segment timings).");
                transcript = await TranscribeAsync(input, split, TranscriptFormat.Json, origin, progress, queue, cancellationToken).ConfigureAwait(false);
            }

            origin.EstimatedCost = await EstimateCostAsync(transcript, origin.Parts, queue, cancellationToken).ConfigureAwait(false);

            origin.Elapsed = clock.Elapsed;
            if (output?.TargetFor(input) is string target)
            {
                output.Write(target, transcript, replaceOutdated);
                origin.OutFile = new FileInfo(target);
                queue.Verbose("Saved the transcript of " + input.Source + " to " + target + ".");
            }

            return new TokenLabTranscript(transcript, origin);
        }

        private async Task<Transcript> TranscribeAsync(
            AudioInput input, bool split, TranscriptFormat format, TranscriptionOrigin origin, IProgress<TranscriptionProgress> progress, PipelineMessageQueue queue, CancellationToken cancellationToken)
        {
            TranscriptionRequest request = settings.CreateRequest(input.Upload, format);
            if (!split)
            {
                TokenLabResponse<Transcript> response = await client.TranscribeAsync(request, progress, cancellationToken).ConfigureAwait(false);
                origin.RequestId = response.Metadata.RequestId;
                origin.TaskId = response.Metadata.TaskId;
                origin.BillingTransactionId = response.Metadata.BillingTransactionId;
                return response.Value;
            }

            IReadOnlyList<AudioPart> parts = await SplitAsync(input, cancellationToken).ConfigureAwait(false);
            queue.Verbose("Sending " + input.Source + " in " + parts.Count.ToString(CultureInfo.InvariantCulture) + " parts, starting at "
                + string.Join(", ", parts.Select(p => p.Offset.ToString(@"h\:mm\:ss\.fff", CultureInfo.InvariantCulture))) + ".");
            SplitTranscription result = await client.TranscribePartsAsync(request, parts, progress, cancellationToken).ConfigureAwait(false);
            origin.Parts = parts.Count;
            origin.RequestId = Joined(result.Parts.Select(p => p.Metadata.RequestId));
            origin.TaskId = Joined(result.Parts.Select(p => p.Metadata.TaskId));
            origin.BillingTransactionId = Joined(result.Parts.Select(p => p.Metadata.BillingTransactionId));
            return result.Transcript;
        }

        /// <summary>The catalog price applied to what the service billed: audio seconds (its usage, else the transcript's duration) or tokens.</summary>
        private async Task<EstimatedCost?> EstimateCostAsync(Transcript transcript, int parts, PipelineMessageQueue queue, CancellationToken cancellationToken)
        {
            ModelDetails catalog = await TokenLabApiCmdlet.WhenDone(details, cancellationToken).ConfigureAwait(false);
            if (catalog.Model is null)
            {
                queue.Verbose("No EstimatedCost: the details of " + settings.Model + " could not be read (" + catalog.FailureText + ").");
                return null;
            }

            var usage = transcript.AdditionalFields.TryGetValue("usage", out object? value) ? value as IReadOnlyDictionary<string, object?> : null;
            TimeSpan? billedAudio = parts == 1 && Number(usage, "seconds") is double seconds ? TimeSpan.FromSeconds(seconds) : transcript.Duration;
            long? inputTokens = (long?)Number(usage, "input_tokens");
            long? outputTokens = (long?)Number(usage, "output_tokens");
            return CostEstimator.Estimate(catalog.Model, new BillableUsage(parts, audio: billedAudio, inputTokens: inputTokens, outputTokens: outputTokens));
        }

        private static double? Number(IReadOnlyDictionary<string, object?>? fields, string name) =>
            fields is not null && fields.TryGetValue(name, out object? value) && value is not null && !(value is string) && !(value is bool)
                ? Convert.ToDouble(value, CultureInfo.InvariantCulture)
                : (double?)null;

        private static async Task<IReadOnlyList<AudioPart>> SplitAsync(AudioInput input, CancellationToken cancellationToken)
        {
            try
            {
                return await AudioSplitter.SplitAsync(input.FilePath!, AudioSplitter.DefaultMaxPartBytes, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException ex)
            {
                throw new TokenLabInputException(ErrorIds.InvalidAudio, ErrorCategory.InvalidData, ex.Message,
                    "Convert the audio to 16-bit PCM WAV or MP3 (for example with ffmpeg), then use -Split again.");
            }
        }

        private static string? Joined(IEnumerable<string?> values)
        {
            string[] present = values.Where(v => v is not null).Select(v => v!).ToArray();
            return present.Length == 0 ? null : string.Join(", ", present);
        }
    }
}
