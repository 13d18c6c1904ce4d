using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TokenLab.Client.Transcription;

namespace TokenLab.PowerShell.Output
{
    /// <summary>
    /// The transcript of one audio input, in the same shape whatever the response format: text, language,
    /// duration, timed segments and words, where it came from and what the call cost in time and IDs.
    /// <see cref="ToSrt"/> and <see cref="ToVtt"/> render subtitles from the segments.
    /// </summary>
    public sealed class TokenLabTranscript : ISavedFile
    {
        private readonly Transcript transcript;

        internal TokenLabTranscript(Transcript transcript, TranscriptionOrigin origin)
        {
            this.transcript = transcript;
            Source = origin.Source;
            Model = origin.Model;
            Task = transcript.Task ?? origin.Task;
            RequestId = origin.RequestId;
            TaskId = origin.TaskId;
            BillingTransactionId = origin.BillingTransactionId;
            Elapsed = origin.Elapsed;
            Parts = origin.Parts;
            OutFile = origin.OutFile;
            Skipped = origin.Skipped;
            EstimatedCost = origin.Skipped ? EstimatedCost.NothingSent : origin.EstimatedCost;
        }

        /// <summary>The whole text.</summary>
        public string Text => transcript.Text;

        /// <summary>The language as the service names it (verbose_json: english, german, …).</summary>
        public string? Language => transcript.Language;

        /// <summary>The length of the audio, when the response format says it.</summary>
        public TimeSpan? Duration => transcript.Duration;

        /// <summary>Timed segments (verbose_json, srt, vtt), with Whisper's extra fields where the model returns them.</summary>
        public TranscriptSegment[] Segments => transcript.Segments.ToArray();

        /// <summary>Timed words (with -TimestampGranularity word).</summary>
        public TranscriptWord[] Words => transcript.Words.ToArray();

        /// <summary>transcribe, or translate for -Translate.</summary>
        public string Task { get; }

        /// <summary>The model that was asked for.</summary>
        public string Model { get; }

        /// <summary>The input: a full file path, or the -FileName of a stream or byte array.</summary>
        public string Source { get; }

        /// <summary>The response format the service answered in.</summary>
        public TranscriptFormat Format => transcript.Format;

        /// <summary>The request ID to quote to TokenLab support (one per part for a split file, comma-separated).</summary>
        public string? RequestId { get; }

        /// <summary>The asynchronous task's ID, when the service answered with a task.</summary>
        public string? TaskId { get; }

        /// <summary>The billing transaction, when the service reported one.</summary>
        public string? BillingTransactionId { get; }

        /// <summary>How long the input took: upload, processing and any polling.</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>How many parts the audio was sent in (more than 1 with -Split).</summary>
        public int Parts { get; }

        /// <summary>The transcript file written (-OutFile, -OutDirectory), or the one found when skipped.</summary>
        public FileInfo? OutFile { get; }

        /// <summary>True when -OutDirectory already held this input's transcript, so nothing was sent (no cost).</summary>
        public bool Skipped { get; }

        /// <summary>
        /// What this transcript probably cost, from the catalog price and what was billed (audio seconds or tokens);
        /// zero when skipped, null when the catalog could not be read or the usage is not known. The billing
        /// transaction ID is the authority.
        /// </summary>
        public EstimatedCost? EstimatedCost { get; }

        /// <summary>Fields the service sent that have no property here (usage, logprobs, …).</summary>
        public IReadOnlyDictionary<string, object?> AdditionalFields => transcript.AdditionalFields;

        /// <summary>SubRip subtitles from the segments (empty without segments).</summary>
        public string ToSrt() => transcript.ToSrt();

        /// <summary>WebVTT subtitles from the segments.</summary>
        public string ToVtt() => transcript.ToVtt();

        /// <summary>The transcript as verbose_json.</summary>
        public string ToJson() => transcript.ToJson();

        FileInfo? ISavedFile.SavedFile => OutFile;

        /// <inheritdoc />
        public override string ToString() => Text;
    }
}
