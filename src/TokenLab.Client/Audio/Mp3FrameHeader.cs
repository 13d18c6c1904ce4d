using System;

namespace TokenLab.Client.Audio
{
    /// <summary>The 4-byte header of an MPEG audio Layer III frame.</summary>
    public sealed class Mp3FrameHeader
    {
        /// <summary>The length of a frame header.</summary>
        public const int Length = 4;

        // Kbit/s by bitrate index; index 0 ("free") and 15 (invalid) are not accepted.
        private static readonly int[] Mpeg1Bitrates = { 0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0 };
        private static readonly int[] Mpeg2Bitrates = { 0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0 };
        private static readonly int[] Mpeg1SampleRates = { 44100, 48000, 32000 };

        private Mp3FrameHeader(MpegVersion version, int bitrateKbps, int sampleRate, bool padding, int channels)
        {
            Version = version;
            BitrateKbps = bitrateKbps;
            SampleRate = sampleRate;
            Padding = padding;
            Channels = channels;
        }

        /// <summary>MPEG-1, 2 or 2.5.</summary>
        public MpegVersion Version { get; }

        /// <summary>The frame's bitrate in kbit/s.</summary>
        public int BitrateKbps { get; }

        /// <summary>Samples per second.</summary>
        public int SampleRate { get; }

        /// <summary>True when the frame carries one extra byte to keep the bitrate exact.</summary>
        public bool Padding { get; }

        /// <summary>1 for mono, 2 otherwise.</summary>
        public int Channels { get; }

        /// <summary>Samples per channel in the frame: 1152 for MPEG-1, 576 for MPEG-2 and 2.5.</summary>
        public int SamplesPerFrame => Version == MpegVersion.Mpeg1 ? 1152 : 576;

        /// <summary>The whole frame's length in bytes, header included.</summary>
        public int FrameLength => (SamplesPerFrame / 8 * BitrateKbps * 1000 / SampleRate) + (Padding ? 1 : 0);

        /// <summary>The playing time of the frame.</summary>
        public TimeSpan Duration => TimeSpan.FromTicks(SamplesPerFrame * TimeSpan.TicksPerSecond / SampleRate);

        /// <summary>The playing time of the frame in seconds, exactly (for sums over many frames).</summary>
        public double Seconds => (double)SamplesPerFrame / SampleRate;

        /// <summary>Bytes of side information after the header (and its CRC); a Xing/Info tag follows them.</summary>
        internal int SideInfoLength => Version == MpegVersion.Mpeg1 ? (Channels == 1 ? 17 : 32) : (Channels == 1 ? 9 : 17);

        /// <summary>Parses a Layer III frame header at <paramref name="offset"/>; false for anything else.</summary>
        public static bool TryParse(byte[] buffer, int offset, out Mp3FrameHeader? header)
        {
            header = null;
            if (buffer is null || offset < 0 || offset + Length > buffer.Length)
            {
                return false;
            }

            byte b1 = buffer[offset + 1], b2 = buffer[offset + 2], b3 = buffer[offset + 3];
            bool sync = buffer[offset] == 0xFF && (b1 & 0xE0) == 0xE0;
            int versionBits = (b1 >> 3) & 3;
            bool layer3 = ((b1 >> 1) & 3) == 1;
            int bitrateIndex = b2 >> 4;
            int sampleRateIndex = (b2 >> 2) & 3;
            bool reservedEmphasis = (b3 & 3) == 2;
            if (!sync || versionBits == 1 || !layer3 || bitrateIndex == 0 || bitrateIndex == 15 || sampleRateIndex == 3 || reservedEmphasis)
            {
                return false;
            }

            MpegVersion version = versionBits == 3 ? MpegVersion.Mpeg1 : versionBits == 2 ? MpegVersion.Mpeg2 : MpegVersion.Mpeg25;
            int bitrate = (version == MpegVersion.Mpeg1 ? Mpeg1Bitrates : Mpeg2Bitrates)[bitrateIndex];
            int sampleRate = Mpeg1SampleRates[sampleRateIndex] / (version == MpegVersion.Mpeg1 ? 1 : version == MpegVersion.Mpeg2 ? 2 : 4);
            header = new Mp3FrameHeader(version, bitrate, sampleRate, padding: ((b2 >> 1) & 1) == 1, channels: (b3 >> 6) == 3 ? 1 : 2);
            return true;
        }
    }
}
