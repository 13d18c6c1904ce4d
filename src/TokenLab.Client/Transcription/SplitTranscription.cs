using System.Collections.Generic;

namespace TokenLab.Client.Transcription
{
    /// <summary>The transcript of a file sent in parts, and each part's own response.</summary>
    public sealed class SplitTranscription
    {
        internal SplitTranscription(Transcript transcript, IReadOnlyList<TokenLabResponse<Transcript>> parts)
        {
            Transcript = transcript;
            Parts = parts;
        }

        /// <summary>The whole transcript: times offset by each part's start, segments numbered from 0.</summary>
        public Transcript Transcript { get; }

        /// <summary>Each part's transcript and response metadata (request ID, billing), in order.</summary>
        public IReadOnlyList<TokenLabResponse<Transcript>> Parts { get; }
    }
}
