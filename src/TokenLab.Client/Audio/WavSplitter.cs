using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client.IO;
using TokenLab.Client.Transcription;

namespace TokenLab.Client.Audio
{
    /// <summary>
    /// Cuts a PCM WAV file into parts that each fit a byte limit, on sample-frame boundaries. Near each
    /// limit it looks for the quietest 20 ms in the last stretch before it and cuts there when that is near
    /// silence, so a word is not cut in half. Each part is a WAV file of its own: a fresh header, then a
    /// range of the original samples, read from disk when sent.
    /// </summary>
    internal static class WavSplitter
    {
        // Quieter than about -40 dBFS counts as silence.
        private const double SilenceLevel = 0.01;
        private const int BlocksPerSecond = 50;
        private const int ReadBufferBytes = 64 * 1024;
        private static readonly TimeSpan MaxSearch = TimeSpan.FromSeconds(30);

        public static async Task<IReadOnlyList<AudioPart>> SplitAsync(string path, long maxPartBytes, CancellationToken cancellationToken)
        {
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ReadBufferBytes, FileOptions.Asynchronous))
            {
                WavHeader format = await WavFormat.ReadHeaderAsync(file, cancellationToken).ConfigureAwait(false);
                if (!PcmLevel.CanRead(format) || format.BlockAlign <= 0)
                {
                    throw new InvalidDataException("'" + path + "' is not PCM audio (8, 16, 24 or 32-bit integer, or 32-bit float), so it cannot be split on sample boundaries.");
                }

                if (format.SampleRate <= 0 || format.Channels <= 0 || format.BytesPerSecond <= 0)
                {
                    // Its times cannot be told: every cut and offset would divide by zero.
                    throw new InvalidDataException("'" + path + "' has a WAV header with no sample rate, channels or byte rate, so it cannot be split.");
                }

                long available = file.Length - format.DataOffset;
                long dataLength = Math.Min(format.DataLength ?? available, available) / format.BlockAlign * format.BlockAlign;
                long maxData = (maxPartBytes - WavFormat.CanonicalHeaderLength) / format.BlockAlign * format.BlockAlign;
                if (maxData <= 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(maxPartBytes), "The part size is too small for one sample frame.");
                }

                long searchBytes = Math.Min(maxData / 5, (long)(MaxSearch.TotalSeconds * format.BytesPerSecond)) / format.BlockAlign * format.BlockAlign;
                var cuts = new List<long> { 0 };
                long start = 0;
                while (dataLength - start > maxData)
                {
                    long hardEnd = start + maxData;
                    long? quiet = await FindQuietPointAsync(file, format, hardEnd - searchBytes, searchBytes, cancellationToken).ConfigureAwait(false);
                    start = quiet is long cut && cut > start ? cut : hardEnd;
                    cuts.Add(start);
                }

                cuts.Add(dataLength);
                return Parts(path, format, cuts);
            }
        }

        private static List<AudioPart> Parts(string path, WavHeader format, List<long> cuts)
        {
            string baseName = Path.GetFileNameWithoutExtension(path);
            var parts = new List<AudioPart>(cuts.Count - 1);
            for (int i = 0; i + 1 < cuts.Count; i++)
            {
                long start = cuts[i];
                long length = cuts[i + 1] - start;
                byte[] header = WavFormat.CreateHeader(format.FormatTag, format.Channels, format.SampleRate, format.BitsPerSample, length);
                long dataStart = format.DataOffset + start;
                var upload = new AudioUpload(
                    baseName + ".part" + (i + 1) + ".wav",
                    header.Length + length,
                    () => new FileRangeStream(header, path, dataStart, length));
                parts.Add(new AudioPart(i + 1, format.DurationOf(start), format.DurationOf(length), upload));
            }

            return parts;
        }

        /// <summary>
        /// The middle of the quietest 20 ms block in [from, from + length) of the samples (later blocks win
        /// ties, for longer parts), as an offset into the samples; null when even that block is not near silence.
        /// </summary>
        private static async Task<long?> FindQuietPointAsync(FileStream file, WavHeader format, long from, long length, CancellationToken cancellationToken)
        {
            int blockBytes = Math.Max(1, format.BytesPerSecond / BlocksPerSecond / format.BlockAlign) * format.BlockAlign;
            var buffer = new byte[Math.Max(blockBytes, ReadBufferBytes / blockBytes * blockBytes)];
            file.Position = format.DataOffset + from;
            double quietest = double.MaxValue;
            long quietestBlock = -1;
            for (long done = 0; done + blockBytes <= length;)
            {
                int want = (int)Math.Min(buffer.Length, (length - done) / blockBytes * blockBytes);
                int read = await ReadFullyAsync(file, buffer, want, cancellationToken).ConfigureAwait(false);
                for (int offset = 0; offset + blockBytes <= read; offset += blockBytes)
                {
                    double level = PcmLevel.Of(buffer, offset, blockBytes, format);
                    if (level <= quietest)
                    {
                        quietest = level;
                        quietestBlock = from + done + offset;
                    }
                }

                if (read < want)
                {
                    break;
                }

                done += read;
            }

            return quietestBlock >= 0 && quietest < SilenceLevel
                ? quietestBlock + (blockBytes / 2 / format.BlockAlign * format.BlockAlign)
                : (long?)null;
        }

        private static async Task<int> ReadFullyAsync(Stream stream, byte[] buffer, int count, CancellationToken cancellationToken)
        {
            int total = 0;
            int read;
            while (total < count && (read = await stream.ReadAsync(buffer, total, count - total, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return total;
        }
    }
}
