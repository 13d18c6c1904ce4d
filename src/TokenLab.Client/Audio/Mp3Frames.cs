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
            double seconds = 0;
            while (await reader.ReadNextAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!reader.IsInfoFrame)
                {
                    seconds += reader.Header!.Seconds;
                }
            }

            return FromSeconds(seconds);
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
            double seconds = 0;
            while (await reader.ReadNextAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!reader.IsInfoFrame)
                {
                    ArraySegment<byte> frame = reader.Frame;
                    await destination.WriteAsync(frame.Array!, frame.Offset, frame.Count, cancellationToken).ConfigureAwait(false);
                    seconds += reader.Header!.Seconds;
                }
            }

            return FromSeconds(seconds);
        }

        /// <summary>
        /// Frame times are summed in seconds and rounded once: a frame lasts a fraction of a tick more than
        /// its whole ticks (1152 / 44100 s = 261224.49 ticks), which summed tick by tick drifts by
        /// milliseconds over an hour and shifts the times of anything placed after it.
        /// </summary>
        internal static TimeSpan FromSeconds(double seconds) => TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
    }
}
