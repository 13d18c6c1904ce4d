using System;

namespace TokenLab.Client.Audio
{
    /// <summary>What a RIFF/WAVE header says about its audio, and where the samples start.</summary>
    public sealed class WavHeader
    {
        /// <summary>WAVE_FORMAT_PCM: integer samples.</summary>
        public const int PcmFormatTag = 1;

        /// <summary>WAVE_FORMAT_IEEE_FLOAT: floating-point samples.</summary>
        public const int FloatFormatTag = 3;

        internal WavHeader(int formatTag, int channels, int sampleRate, int bitsPerSample, int blockAlign, int bytesPerSecond, long dataOffset, long? dataLength)
        {
            FormatTag = formatTag;
            Channels = channels;
            SampleRate = sampleRate;
            BitsPerSample = bitsPerSample;
            BlockAlign = blockAlign;
            BytesPerSecond = bytesPerSecond;
            DataOffset = dataOffset;
            DataLength = dataLength;
        }

        /// <summary>The sample format (1 = PCM, 3 = IEEE float); for WAVE_FORMAT_EXTENSIBLE, the sub-format's tag.</summary>
        public int FormatTag { get; }

        /// <summary>Interleaved channels.</summary>
        public int Channels { get; }

        /// <summary>Samples per second per channel.</summary>
        public int SampleRate { get; }

        /// <summary>Bits per sample.</summary>
        public int BitsPerSample { get; }

        /// <summary>Bytes per sample frame (all channels).</summary>
        public int BlockAlign { get; }

        /// <summary>Bytes of audio per second.</summary>
        public int BytesPerSecond { get; }

        /// <summary>Offset of the first sample byte from the start of the header.</summary>
        public long DataOffset { get; }

        /// <summary>Bytes of audio the header declares; null when it gives a streaming placeholder (0 or 0xFFFFFFFF).</summary>
        public long? DataLength { get; }

        /// <summary>The duration the header declares; null when the data length is a streaming placeholder.</summary>
        public TimeSpan? Duration => DataLength is long length ? DurationOf(length) : (TimeSpan?)null;

        /// <summary>The duration of <paramref name="dataLength"/> bytes of this audio.</summary>
        public TimeSpan DurationOf(long dataLength) =>
            BytesPerSecond <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)(dataLength * (double)TimeSpan.TicksPerSecond / BytesPerSecond));

        /// <summary>True when both hold the same kind of samples, so their data can be joined.</summary>
        public bool HasSameFormatAs(WavHeader other) =>
            other is not null && FormatTag == other.FormatTag && Channels == other.Channels
            && SampleRate == other.SampleRate && BitsPerSample == other.BitsPerSample;
    }
}
