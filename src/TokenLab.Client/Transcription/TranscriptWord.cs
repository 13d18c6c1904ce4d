using System;
using System.Collections.Generic;

namespace TokenLab.Client.Transcription
{
    /// <summary>One word with its timing (verbose_json with word timestamps).</summary>
    public sealed class TranscriptWord
    {
        /// <summary>Creates a word.</summary>
        public TranscriptWord(string word, TimeSpan start, TimeSpan end)
        {
            Word = word ?? throw new ArgumentNullException(nameof(word));
            Start = start;
            End = end;
        }

        /// <summary>The word, without surrounding punctuation.</summary>
        public string Word { get; }

        /// <summary>When the word starts, from the start of the audio.</summary>
        public TimeSpan Start { get; }

        /// <summary>When the word ends, from the start of the audio.</summary>
        public TimeSpan End { get; }

        /// <summary>Fields the service sent that this type does not model, as plain values.</summary>
        public IReadOnlyDictionary<string, object?> AdditionalFields { get; internal set; } = EmptyFields.Instance;

        /// <summary>The same word later in a longer audio (for transcripts of split audio).</summary>
        internal TranscriptWord Shift(TimeSpan offset) =>
            new TranscriptWord(Word, Start + offset, End + offset) { AdditionalFields = AdditionalFields };

        /// <inheritdoc />
        public override string ToString() => Word;
    }
}
