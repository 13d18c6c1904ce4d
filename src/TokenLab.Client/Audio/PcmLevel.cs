using System;

namespace TokenLab.Client.Audio
{
    /// <summary>How loud a stretch of PCM samples is: the mean absolute amplitude, from 0 (silence) to 1 (full scale).</summary>
    internal static class PcmLevel
    {
        private const int FloatFormatTag = 3;

        /// <summary>The formats whose samples this reads: integer PCM of 8, 16, 24 or 32 bits, and 32-bit float.</summary>
        public static bool CanRead(WavHeader format) =>
            (format.FormatTag == WavHeader.PcmFormatTag && (format.BitsPerSample == 8 || format.BitsPerSample == 16 || format.BitsPerSample == 24 || format.BitsPerSample == 32))
            || (format.FormatTag == FloatFormatTag && format.BitsPerSample == 32);

        public static double Of(byte[] buffer, int offset, int count, WavHeader format)
        {
            int bytesPerSample = format.BitsPerSample / 8;
            int samples = count / bytesPerSample;
            if (samples == 0)
            {
                return 0;
            }

            double sum = 0;
            for (int i = offset; i + bytesPerSample <= offset + count; i += bytesPerSample)
            {
                sum += Math.Abs(Sample(buffer, i, format));
            }

            return sum / samples;
        }

        private static double Sample(byte[] b, int i, WavHeader format) => format.BitsPerSample switch
        {
            8 => (b[i] - 128) / 128.0,
            16 => (short)(b[i] | (b[i + 1] << 8)) / 32768.0,
            24 => ((b[i] << 8) | (b[i + 1] << 16) | (b[i + 2] << 24)) / 2147483648.0,
            _ when format.FormatTag == FloatFormatTag => BitConverter.ToSingle(b, i),
            _ => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) / 2147483648.0,
        };
    }
}
