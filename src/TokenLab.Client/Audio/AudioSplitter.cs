using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TokenLab.Client.Audio
{
    /// <summary>
    /// Splits audio that is over the upload limit into parts under it: WAV (PCM) on sample boundaries,
    /// MP3 on frame boundaries, each near silence where it can find some. Nothing is copied: every part
    /// reads its range of the original file when it is sent.
    /// </summary>
    public static class AudioSplitter
    {
        /// <summary>
        /// The default largest part: under 25 MB whether the service counts a megabyte as 10^6 or 2^20
        /// bytes, with room to spare for a part's own header.
        /// </summary>
        public const long DefaultMaxPartBytes = 24_000_000;

        /// <summary>The extensions this can split.</summary>
        public static IReadOnlyList<string> Extensions { get; } = new[] { "wav", "mp3" };

        /// <summary>True for the files this can split (by extension).</summary>
        public static bool CanSplit(string fileName)
        {
            string extension = (Path.GetExtension(fileName) ?? string.Empty).TrimStart('.');
            return string.Equals(extension, "wav", StringComparison.OrdinalIgnoreCase) || string.Equals(extension, "mp3", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>The parts of <paramref name="path"/>, in order; one part when it already fits.</summary>
        /// <exception cref="NotSupportedException">Neither WAV nor MP3.</exception>
        /// <exception cref="InvalidDataException">A WAV that is not PCM, or a file with no audio frames.</exception>
        public static Task<IReadOnlyList<AudioPart>> SplitAsync(string path, long maxPartBytes, CancellationToken cancellationToken)
        {
            if (!CanSplit(path))
            {
                throw new NotSupportedException("Only WAV (PCM) and MP3 files can be split; '" + Path.GetFileName(path) + "' is neither.");
            }

            return string.Equals(Path.GetExtension(path), ".wav", StringComparison.OrdinalIgnoreCase)
                ? WavSplitter.SplitAsync(path, maxPartBytes, cancellationToken)
                : Mp3Splitter.SplitAsync(path, maxPartBytes, cancellationToken);
        }
    }
}
