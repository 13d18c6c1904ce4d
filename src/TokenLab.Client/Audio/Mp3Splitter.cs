using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client.IO;
using TokenLab.Client.Transcription;

namespace TokenLab.Client.Audio
{
    /// <summary>
    /// Cuts an MP3 file into parts that each fit a byte limit, between frames. MP3 cannot be decoded here,
    /// but a variable-bitrate encoder spends the fewest bits on silence: when the frames in the last stretch
    /// before a limit vary in bitrate, the cut goes into the longest run of the lowest-bitrate frames.
    /// Tags and the Xing/Info frame stay out of the parts; each part is a run of frames read from disk when sent.
    /// </summary>
    internal static class Mp3Splitter
    {
        private const int ReadBufferBytes = 64 * 1024;

        // The stretch before each limit searched for a quiet cut: a tenth of a part.
        private const int SearchFraction = 10;

        public static async Task<IReadOnlyList<AudioPart>> SplitAsync(string path, long maxPartBytes, CancellationToken cancellationToken)
        {
            var ranges = new List<(long Start, long End, double Seconds)>();
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ReadBufferBytes, FileOptions.Asynchronous))
            {
                long scanFrom = 0;
                while (await NextPartAsync(file, scanFrom, maxPartBytes, cancellationToken).ConfigureAwait(false) is (long, long, double) part)
                {
                    ranges.Add(part);
                    scanFrom = part.End;
                }
            }

            if (ranges.Count == 0)
            {
                throw new InvalidDataException("'" + path + "' holds no MPEG audio frames, so it cannot be split.");
            }

            string baseName = Path.GetFileNameWithoutExtension(path);
            var parts = new List<AudioPart>(ranges.Count);
            // Offsets come from the seconds before each part, rounded once, so they never drift from the frames.
            double offset = 0;
            foreach ((long start, long end, double seconds) in ranges)
            {
                long length = end - start;
                var upload = new AudioUpload(baseName + ".part" + (parts.Count + 1) + ".mp3", length, () => new FileRangeStream(Array.Empty<byte>(), path, start, length));
                parts.Add(new AudioPart(parts.Count + 1, Mp3Frames.FromSeconds(offset), Mp3Frames.FromSeconds(seconds), upload));
                offset += seconds;
            }

            return parts;
        }

        /// <summary>The next part from <paramref name="scanFrom"/>: its byte range and seconds of audio; null when no frames are left.</summary>
        private static async Task<(long Start, long End, double Seconds)?> NextPartAsync(FileStream file, long scanFrom, long maxPartBytes, CancellationToken cancellationToken)
        {
            file.Position = scanFrom;
            var reader = new Mp3FrameReader(file);
            var tail = new List<Frame>();
            long? start = null;
            long end = 0;
            double seconds = 0;
            while (await reader.ReadNextAsync(cancellationToken).ConfigureAwait(false))
            {
                if (reader.IsInfoFrame)
                {
                    continue;
                }

                long frameStart = scanFrom + reader.FrameOffset;
                long partStart = start ??= frameStart;
                var frame = new Frame(frameStart, reader.Header!.BitrateKbps, seconds);
                if (frameStart + reader.Frame.Count - partStart > maxPartBytes)
                {
                    if (frameStart == partStart)
                    {
                        throw new ArgumentOutOfRangeException(nameof(maxPartBytes), "The part size is too small for one MP3 frame.");
                    }

                    Frame cut = QuietestCut(tail) ?? frame;
                    return (partStart, cut.Start, cut.SecondsBefore);
                }

                if (frameStart >= partStart + maxPartBytes - (maxPartBytes / SearchFraction))
                {
                    tail.Add(frame);
                }

                seconds += reader.Header.Seconds;
                end = frameStart + reader.Frame.Count;
            }

            return start is long first ? (first, end, seconds) : ((long, long, double)?)null;
        }

        /// <summary>The middle of the longest run of lowest-bitrate frames, when the bitrate varies; else null.</summary>
        private static Frame? QuietestCut(List<Frame> tail)
        {
            if (tail.Count < 2 || tail.All(f => f.BitrateKbps == tail[0].BitrateKbps))
            {
                return null;
            }

            int lowest = tail.Min(f => f.BitrateKbps);
            int bestStart = 0, bestLength = 0;
            for (int i = 0; i < tail.Count;)
            {
                int runLength = 0;
                while (i + runLength < tail.Count && tail[i + runLength].BitrateKbps == lowest)
                {
                    runLength++;
                }

                if (runLength > bestLength)
                {
                    (bestStart, bestLength) = (i, runLength);
                }

                i += Math.Max(1, runLength);
            }

            return tail[bestStart + (bestLength / 2)];
        }

        /// <summary>A frame near the limit: where it starts, its bitrate, and the part's seconds of audio before it.</summary>
        private sealed class Frame
        {
            public Frame(long start, int bitrateKbps, double secondsBefore)
            {
                Start = start;
                BitrateKbps = bitrateKbps;
                SecondsBefore = secondsBefore;
            }

            public long Start { get; }

            public int BitrateKbps { get; }

            public double SecondsBefore { get; }
        }
    }
}
