using System;
using TokenLab.Client.Audio;

namespace TokenLab.Client.Realtime
{
    /// <summary>The audio format of realtime sessions: 24 kHz, mono, 16-bit little-endian PCM, both ways.</summary>
    public static class RealtimeAudio
    {
        /// <summary>Samples per second.</summary>
        public const int SampleRate = 24000;

        /// <summary>Mono.</summary>
        public const int Channels = 1;

        /// <summary>16-bit samples.</summary>
        public const int BitsPerSample = 16;

        /// <summary>Audio per input_audio_buffer.append event: half a second, well under the protocol's 15 MiB.</summary>
        public const int AppendChunkBytes = SampleRate * Channels * BitsPerSample / 8 / 2;

        /// <summary>The format in words, for messages.</summary>
        public const string FormatDescription = "24 kHz, mono, 16-bit PCM";

        /// <summary>The format as a WAV header (sizes unset), for writing reply audio to a WAV file.</summary>
        public static WavHeader Format { get; } =
            new WavHeader(WavHeader.PcmFormatTag, Channels, SampleRate, BitsPerSample, Channels * BitsPerSample / 8, SampleRate * Channels * BitsPerSample / 8, WavFormat.CanonicalHeaderLength, null);

        /// <summary>The playing time of <paramref name="byteCount"/> bytes in this format.</summary>
        public static TimeSpan Duration(long byteCount) => WavFormat.PcmDuration(byteCount, SampleRate, Channels, BitsPerSample);
    }
}
