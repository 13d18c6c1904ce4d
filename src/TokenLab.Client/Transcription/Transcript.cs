using System;
using System.Collections.Generic;
using TokenLab.Client.Subtitles;

namespace TokenLab.Client.Transcription
{
    /// <summary>
    /// A transcript in one shape whatever format it came in: JSON and verbose_json fill what they carry,
    /// text fills only <see cref="Text"/>, and SRT or WebVTT subtitles are parsed into segments.
    /// </summary>
    public sealed class Transcript
    {
        /// <summary>Creates a transcript.</summary>
        public Transcript(string text, IReadOnlyList<TranscriptSegment>? segments = null, IReadOnlyList<TranscriptWord>? words = null)
        {
            Text = text ?? throw new ArgumentNullException(nameof(text));
            Segments = segments ?? Array.Empty<TranscriptSegment>();
            Words = words ?? Array.Empty<TranscriptWord>();
        }

        /// <summary>The whole text.</summary>
        public string Text { get; }

        /// <summary><c>transcribe</c> or <c>translate</c>, when the format says.</summary>
        public string? Task { get; internal set; }

        /// <summary>The language as the service names it (verbose_json: the full name, such as <c>english</c>).</summary>
        public string? Language { get; internal set; }

        /// <summary>The length of the audio, when the format says.</summary>
        public TimeSpan? Duration { get; internal set; }

        /// <summary>Timed segments (verbose_json, srt, vtt), in order.</summary>
        public IReadOnlyList<TranscriptSegment> Segments { get; }

        /// <summary>Timed words (verbose_json with word timestamps), in order.</summary>
        public IReadOnlyList<TranscriptWord> Words { get; }

        /// <summary>The format the service answered in.</summary>
        public TranscriptFormat Format { get; internal set; }

        /// <summary>Fields the service sent that this type does not model (usage, logprobs, …), as plain values.</summary>
        public IReadOnlyDictionary<string, object?> AdditionalFields { get; internal set; } = EmptyFields.Instance;

        /// <summary>Reads a transcript from text in any response format, such as a file saved earlier.</summary>
        /// <exception cref="System.IO.InvalidDataException">The text is not valid in that format.</exception>
        public static Transcript Parse(string content, TranscriptFormat format) => TranscriptParser.Parse(content, format);

        /// <summary>SubRip subtitles from the segments (empty without segments).</summary>
        public string ToSrt() => SubtitleWriter.ToSrt(Segments);

        /// <summary>WebVTT subtitles from the segments (only the header without segments).</summary>
        public string ToVtt() => SubtitleWriter.ToVtt(Segments);

        /// <summary>The transcript as verbose_json, unknown fields included.</summary>
        public string ToJson() => TranscriptJsonWriter.Write(this);

        /// <inheritdoc />
        public override string ToString() => Text;
    }
}
