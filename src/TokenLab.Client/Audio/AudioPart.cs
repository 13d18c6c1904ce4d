using System;
using TokenLab.Client.Transcription;

namespace TokenLab.Client.Audio
{
    /// <summary>One part of an audio file split to fit the upload limit: where it sits in the whole, and its bytes.</summary>
    public sealed class AudioPart
    {
        internal AudioPart(int number, TimeSpan offset, TimeSpan duration, AudioUpload upload)
        {
            Number = number;
            Offset = offset;
            Duration = duration;
            Upload = upload;
        }

        /// <summary>The part's number, from 1.</summary>
        public int Number { get; }

        /// <summary>Where the part starts in the whole audio.</summary>
        public TimeSpan Offset { get; }

        /// <summary>How long the part plays.</summary>
        public TimeSpan Duration { get; }

        /// <summary>The part as an upload: a valid file of its own, read from the original file on every attempt.</summary>
        public AudioUpload Upload { get; }
    }
}
