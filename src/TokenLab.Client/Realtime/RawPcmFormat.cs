using System;

namespace TokenLab.Client.Realtime
{
    /// <summary>What headerless audio holds: 16-bit little-endian PCM at a sample rate, with interleaved channels.</summary>
    public sealed class RawPcmFormat
    {
        /// <summary>Raw PCM of <paramref name="sampleRate"/> samples per second and <paramref name="channels"/> channels.</summary>
        public RawPcmFormat(int sampleRate, int channels)
        {
            if (sampleRate < 1000 || sampleRate > 384000)
            {
                throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "The sample rate must be from 1000 to 384000.");
            }

            if (channels < 1 || channels > 32)
            {
                throw new ArgumentOutOfRangeException(nameof(channels), channels, "The channel count must be from 1 to 32.");
            }

            SampleRate = sampleRate;
            Channels = channels;
        }

        /// <summary>The realtime format itself: 24 kHz mono.</summary>
        public static RawPcmFormat Realtime { get; } = new RawPcmFormat(RealtimeAudio.SampleRate, RealtimeAudio.Channels);

        /// <summary>Samples per second per channel.</summary>
        public int SampleRate { get; }

        /// <summary>Interleaved channels.</summary>
        public int Channels { get; }
    }
}
