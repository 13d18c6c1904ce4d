using System;
using System.Collections.Generic;

namespace TokenLab.Client.Transcription
{
    /// <summary>
    /// One timed stretch of a transcript. Whisper's per-segment fields are typed; any other field the
    /// model returns is kept in <see cref="AdditionalFields"/>.
    /// </summary>
    public sealed class TranscriptSegment
    {
        /// <summary>Creates a segment.</summary>
        public TranscriptSegment(int id, TimeSpan start, TimeSpan end, string text)
        {
            Id = id;
            Start = start;
            End = end;
            Text = text ?? throw new ArgumentNullException(nameof(text));
        }

        /// <summary>The segment's number, from 0 in the order of the audio.</summary>
        public int Id { get; }

        /// <summary>When the segment starts, from the start of the audio.</summary>
        public TimeSpan Start { get; }

        /// <summary>When the segment ends, from the start of the audio.</summary>
        public TimeSpan End { get; }

        /// <summary>The words of the segment, without the leading space Whisper sends.</summary>
        public string Text { get; }

        /// <summary>Whisper's seek offset (in 10 ms frames) of the window the segment came from.</summary>
        public int? Seek { get; internal set; }

        /// <summary>The token IDs of the text.</summary>
        public IReadOnlyList<long> Tokens { get; internal set; } = Array.Empty<long>();

        /// <summary>The sampling temperature the segment was decoded at.</summary>
        public double? Temperature { get; internal set; }

        /// <summary>Average log probability of the tokens; below -1 suggests a poor transcription.</summary>
        public double? AvgLogprob { get; internal set; }

        /// <summary>Compression ratio of the text; above 2.4 suggests repetition.</summary>
        public double? CompressionRatio { get; internal set; }

        /// <summary>Probability that the segment holds no speech.</summary>
        public double? NoSpeechProb { get; internal set; }

        /// <summary>The speaker label of diarized transcripts.</summary>
        public string? Speaker { get; internal set; }

        /// <summary>Fields the service sent that this type does not model, as plain values.</summary>
        public IReadOnlyDictionary<string, object?> AdditionalFields { get; internal set; } = EmptyFields.Instance;

        /// <summary>The same segment later in a longer audio, under a new number (for transcripts of split audio).</summary>
        internal TranscriptSegment Shift(TimeSpan offset, int id) => new TranscriptSegment(id, Start + offset, End + offset, Text)
        {
            Seek = Seek,
            Tokens = Tokens,
            Temperature = Temperature,
            AvgLogprob = AvgLogprob,
            CompressionRatio = CompressionRatio,
            NoSpeechProb = NoSpeechProb,
            Speaker = Speaker,
            AdditionalFields = AdditionalFields,
        };

        /// <inheritdoc />
        public override string ToString() => Text;
    }
}
