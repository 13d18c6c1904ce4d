using System;
using System.IO;
using TokenLab.Client.Speech;

namespace TokenLab.PowerShell.Output
{
    /// <summary>
    /// One speech file New-TokenLabSpeech saved, or found already saved (Skipped): where it is, what it
    /// says, how it was made, and the IDs to quote to TokenLab support.
    /// </summary>
    public sealed class GeneratedSpeech : ISavedFile
    {
        internal GeneratedSpeech(
            FileInfo path, string text, string model, string voice, string format, long bytes, TimeSpan? duration,
            string? requestId, string? billingTransactionId, TimeSpan elapsed, int requests, int? part, SpeechUsage? usage, bool skipped)
        {
            Path = path;
            Text = text;
            Model = model;
            Voice = voice;
            Format = format;
            Bytes = bytes;
            Duration = duration;
            RequestId = requestId;
            BillingTransactionId = billingTransactionId;
            Elapsed = elapsed;
            Requests = requests;
            Part = part;
            Usage = usage;
            Skipped = skipped;
        }

        /// <summary>The audio file.</summary>
        public FileInfo Path { get; }

        /// <summary>The text spoken in this file.</summary>
        public string Text { get; }

        /// <summary>The model that spoke it.</summary>
        public string Model { get; }

        /// <summary>The voice name, or the custom voice ID.</summary>
        public string Voice { get; }

        /// <summary>mp3, opus, aac, flac, wav or pcm.</summary>
        public string Format { get; }

        /// <summary>The file's size in bytes.</summary>
        public long Bytes { get; }

        /// <summary>The playing time, where the format tells it (wav, pcm, mp3); otherwise null.</summary>
        public TimeSpan? Duration { get; }

        /// <summary>The request ID (comma-separated when -Split made several requests); null when skipped.</summary>
        public string? RequestId { get; }

        /// <summary>The billing transaction ID(s), when TokenLab sent them (streams may settle later).</summary>
        public string? BillingTransactionId { get; }

        /// <summary>Time spent generating and saving, retries included; zero when skipped.</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>Requests sent for this file: 0 when skipped, more than 1 when -Split joined parts.</summary>
        public int Requests { get; }

        /// <summary>The part number of a numbered -Split file (formats that cannot be joined); otherwise null.</summary>
        public int? Part { get; }

        /// <summary>Token usage from the speech.audio.done event (-Stream), summed over parts; otherwise null.</summary>
        public SpeechUsage? Usage { get; }

        /// <summary>True when the file already existed (the same request was saved before) and nothing was sent.</summary>
        public bool Skipped { get; }

        /// <summary>
        /// What this file probably cost, from the catalog price and what was billed (characters, tokens, requests); zero
        /// when skipped, null when the catalog could not be read or the unit counts what is not known. The billing
        /// transaction ID is the authority.
        /// </summary>
        public EstimatedCost? EstimatedCost { get; internal set; }

        FileInfo? ISavedFile.SavedFile => Path;

        /// <inheritdoc />
        public override string ToString() => Path.FullName;
    }
}
