using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TokenLab.Client.Audio
{
    /// <summary>Whole-stream operations over MPEG Layer III frames, with constant memory.</summary>
    public static class Mp3Frames
    {
        /// <summary>The playing time of the audio frames in <paramref name="stream"/> (tags and info frames excluded).</summary>
        public static async Task<TimeSpan> DurationAsync(Stream stream, CancellationToken cancellationToken)
        {
            var reader = new Mp3FrameReader(stream);
            TimeSpan duration = TimeSpan.Zero;
            while (await reader.ReadNextAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!reader.IsInfoFrame)
                {
                    duration += reader.Header!.Duration;
                }
            }

            return duration;
        }

        /// <summary>
        /// Appends only the audio frames of <paramref name="source"/> to <paramref name="destination"/>,
        /// leaving out tags and info frames, so the frames of several files join into one valid
        /// stream. Returns the playing time copied.
        /// </summary>
        public static async Task<TimeSpan> CopyFramesAsync(Stream source, Stream destination, CancellationToken cancellationToken)
        {
            if (destination is null)
            {
                throw new ArgumentNullException(nameof(destination));
            }

            var reader = new Mp3FrameReader(source);
            TimeSpan duration = TimeSpan.Zero;
            while (await reader.ReadNextAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!reader.IsInfoFrame)
                {
                    ArraySegment<byte> frame = reader.Frame;
                    await destination.WriteAsync(frame.Array!, frame.Offset, frame.Count, cancellationToken).ConfigureAwait(false);
                    duration += reader.Header!.Duration;
                }
            }

            return duration;
        }
    }
}
