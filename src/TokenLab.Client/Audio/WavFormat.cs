using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace TokenLab.Client.Audio
{
    /// <summary>Reads and writes RIFF/WAVE headers without buffering the audio.</summary>
    public static class WavFormat
    {
        /// <summary>The length of the canonical header <see cref="CreateHeader"/> writes.</summary>
        public const int CanonicalHeaderLength = 44;

        /// <summary>The size streaming writers put in a header before they know the length.</summary>
        internal const uint StreamingPlaceholder = 0xFFFFFFFF;

        // Offsets in the canonical header of the two sizes a finished file must carry.
        internal const int RiffSizeOffset = 4;
        internal const int CanonicalDataSizeOffset = 40;

        private const int ExtensibleFormatTag = 0xFFFE;
        private const int MaxFormatChunkLength = 1024;

        /// <summary>
        /// Reads the header from the current position up to the first sample, leaving the stream
        /// there. Chunks other than fmt and data (LIST, fact, …) are skipped; the stream need not be
        /// seekable.
        /// </summary>
        /// <exception cref="InvalidDataException">The bytes are not a RIFF/WAVE header, or it ends early.</exception>
        public static async Task<WavHeader> ReadHeaderAsync(Stream stream, CancellationToken cancellationToken)
        {
            if (stream is null)
            {
                throw new ArgumentNullException(nameof(stream));
            }

            var reader = new ChunkReader(stream);
            byte[] riff = await reader.ReadExactlyAsync(12, cancellationToken).ConfigureAwait(false);
            if (!HasTag(riff, 0, "RIFF") || !HasTag(riff, 8, "WAVE"))
            {
                throw new InvalidDataException("The audio is not a RIFF/WAVE file.");
            }

            byte[]? format = null;
            while (true)
            {
                byte[] chunk = await reader.ReadExactlyAsync(8, cancellationToken).ConfigureAwait(false);
                uint size = ReadUInt32(chunk, 4);
                if (HasTag(chunk, 0, "data"))
                {
                    if (format is null)
                    {
                        throw new InvalidDataException("The WAV data chunk comes before its fmt chunk.");
                    }

                    long? dataLength = size == 0 || size == StreamingPlaceholder ? null : size;
                    return FromFormatChunk(format, reader.Position, dataLength);
                }

                long padded = size + (size & 1);
                if (HasTag(chunk, 0, "fmt "))
                {
                    if (size < 16 || size > MaxFormatChunkLength)
                    {
                        throw new InvalidDataException("The WAV fmt chunk has an invalid size.");
                    }

                    format = await reader.ReadExactlyAsync((int)padded, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await reader.SkipAsync(padded, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        /// <summary>
        /// A 44-byte header. <paramref name="dataLength"/> null writes the streaming placeholder,
        /// to be patched by <see cref="PatchSizesAsync"/> once the length is known.
        /// </summary>
        public static byte[] CreateHeader(int formatTag, int channels, int sampleRate, int bitsPerSample, long? dataLength)
        {
            if (channels <= 0 || sampleRate <= 0 || bitsPerSample <= 0 || bitsPerSample % 8 != 0)
            {
                throw new ArgumentException("Channels, sample rate and whole-byte bits per sample must be positive.");
            }

            int blockAlign = channels * bitsPerSample / 8;
            var header = new byte[CanonicalHeaderLength];
            WriteTag(header, 0, "RIFF");
            WriteTag(header, 8, "WAVE");
            WriteTag(header, 12, "fmt ");
            WriteUInt32(header, 16, 16);
            WriteUInt16(header, 20, formatTag);
            WriteUInt16(header, 22, channels);
            WriteUInt32(header, 24, (uint)sampleRate);
            WriteUInt32(header, 28, (uint)(sampleRate * blockAlign));
            WriteUInt16(header, 32, blockAlign);
            WriteUInt16(header, 34, bitsPerSample);
            WriteTag(header, 36, "data");
            WriteSizes(header, dataLength);
            return header;
        }

        /// <summary>A 44-byte header for 16-bit integer PCM.</summary>
        public static byte[] CreatePcm16Header(int sampleRate, int channels, long? dataLength) =>
            CreateHeader(WavHeader.PcmFormatTag, channels, sampleRate, 16, dataLength);

        /// <summary>
        /// Makes the RIFF and data sizes of a complete WAV file in a seekable stream match its real
        /// length (streaming writers leave placeholders). Returns the corrected header; the stream
        /// position is left at its end.
        /// </summary>
        public static async Task<WavHeader> PatchSizesAsync(Stream file, CancellationToken cancellationToken)
        {
            if (file is null || !file.CanSeek)
            {
                throw new ArgumentException("A seekable stream is required.", nameof(file));
            }

            file.Position = 0;
            WavHeader header = await ReadHeaderAsync(file, cancellationToken).ConfigureAwait(false);
            long dataLength = Math.Min(file.Length - header.DataOffset, header.DataLength ?? long.MaxValue);
            if (header.DataLength != dataLength || ReadRiffSize(file) != file.Length - 8)
            {
                await WriteSizeAsync(file, RiffSizeOffset, file.Length - 8, cancellationToken).ConfigureAwait(false);
                await WriteSizeAsync(file, header.DataOffset - 4, dataLength, cancellationToken).ConfigureAwait(false);
            }

            file.Position = file.Length;
            return new WavHeader(header.FormatTag, header.Channels, header.SampleRate, header.BitsPerSample,
                header.BlockAlign, header.BytesPerSecond, header.DataOffset, dataLength);
        }

        /// <summary>The duration of raw PCM bytes with the given layout.</summary>
        public static TimeSpan PcmDuration(long byteCount, int sampleRate, int channels, int bitsPerSample) =>
            TimeSpan.FromTicks((long)(byteCount * (double)TimeSpan.TicksPerSecond / ((double)sampleRate * channels * bitsPerSample / 8)));

        internal static void WriteSizes(byte[] header, long? dataLength)
        {
            if (dataLength > uint.MaxValue - CanonicalHeaderLength)
            {
                throw new ArgumentOutOfRangeException(nameof(dataLength), "A WAV file cannot hold more than 4 GB of audio.");
            }

            // The RIFF size counts the pad byte that keeps an odd data chunk word-aligned.
            WriteUInt32(header, RiffSizeOffset, dataLength is long length ? (uint)(length + (length & 1) + CanonicalHeaderLength - 8) : StreamingPlaceholder);
            WriteUInt32(header, CanonicalDataSizeOffset, dataLength is long data ? (uint)data : StreamingPlaceholder);
        }

        private static WavHeader FromFormatChunk(byte[] format, long dataOffset, long? dataLength)
        {
            int formatTag = ReadUInt16(format, 0);
            if (formatTag == ExtensibleFormatTag && format.Length >= 26)
            {
                // The sub-format GUID starts with the real format tag.
                formatTag = ReadUInt16(format, 24);
            }

            return new WavHeader(
                formatTag,
                channels: ReadUInt16(format, 2),
                sampleRate: (int)ReadUInt32(format, 4),
                bitsPerSample: ReadUInt16(format, 14),
                blockAlign: ReadUInt16(format, 12),
                bytesPerSecond: (int)ReadUInt32(format, 8),
                dataOffset,
                dataLength);
        }

        private static long ReadRiffSize(Stream file)
        {
            var size = new byte[4];
            file.Position = RiffSizeOffset;
            return file.Read(size, 0, 4) == 4 ? ReadUInt32(size, 0) : -1;
        }

        private static async Task WriteSizeAsync(Stream file, long offset, long size, CancellationToken cancellationToken)
        {
            var bytes = new byte[4];
            WriteUInt32(bytes, 0, size > uint.MaxValue ? StreamingPlaceholder : (uint)size);
            file.Position = offset;
            await file.WriteAsync(bytes, 0, 4, cancellationToken).ConfigureAwait(false);
        }

        private static bool HasTag(byte[] buffer, int offset, string tag) =>
            buffer[offset] == tag[0] && buffer[offset + 1] == tag[1] && buffer[offset + 2] == tag[2] && buffer[offset + 3] == tag[3];

        private static void WriteTag(byte[] buffer, int offset, string tag) => Encoding.ASCII.GetBytes(tag, 0, 4, buffer, offset);

        private static int ReadUInt16(byte[] buffer, int offset) => buffer[offset] | (buffer[offset + 1] << 8);

        private static uint ReadUInt32(byte[] buffer, int offset) =>
            (uint)(buffer[offset] | (buffer[offset + 1] << 8) | (buffer[offset + 2] << 16) | (buffer[offset + 3] << 24));

        private static void WriteUInt16(byte[] buffer, int offset, int value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
        }

        internal static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
        }

        /// <summary>Reads whole chunks from a stream that may not be seekable, counting the bytes consumed.</summary>
        private sealed class ChunkReader
        {
            private readonly Stream stream;

            public ChunkReader(Stream stream)
            {
                this.stream = stream;
            }

            public long Position { get; private set; }

            public async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
            {
                var buffer = new byte[count];
                await FillAsync(buffer, count, cancellationToken).ConfigureAwait(false);
                return buffer;
            }

            public async Task SkipAsync(long count, CancellationToken cancellationToken)
            {
                var scratch = new byte[(int)Math.Min(count, 4096)];
                for (long left = count; left > 0; left -= scratch.Length)
                {
                    await FillAsync(scratch, (int)Math.Min(left, scratch.Length), cancellationToken).ConfigureAwait(false);
                }
            }

            private async Task FillAsync(byte[] buffer, int count, CancellationToken cancellationToken)
            {
                int filled = 0;
                while (filled < count)
                {
                    int read = await stream.ReadAsync(buffer, filled, count - filled, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw new InvalidDataException("The WAV header ends before its audio data starts.");
                    }

                    filled += read;
                }

                Position += count;
            }
        }
    }
}
