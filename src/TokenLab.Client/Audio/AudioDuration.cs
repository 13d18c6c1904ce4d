using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client.Speech;

namespace TokenLab.Client.Audio
{
    /// <summary>Reads the playing time of saved speech, for the formats whose layout tells it (wav, pcm, mp3).</summary>
    public static class AudioDuration
    {
        /// <summary>As <see cref="ReadAsync"/>, but null also for audio whose bytes do not parse as <paramref name="format"/>.</summary>
        public static async Task<TimeSpan?> TryReadAsync(Stream audio, string format, CancellationToken cancellationToken)
        {
            try
            {
                return await ReadAsync(audio, format, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException)
            {
                return null;
            }
        }

        /// <summary>The duration of the audio in a seekable stream from its start; null for formats without a readable duration.</summary>
        /// <exception cref="InvalidDataException">The bytes are not valid for <paramref name="format"/>.</exception>
        public static async Task<TimeSpan?> ReadAsync(Stream audio, string format, CancellationToken cancellationToken)
        {
            if (audio is null || !audio.CanSeek)
            {
                throw new ArgumentException("A seekable stream is required.", nameof(audio));
            }

            audio.Position = 0;
            switch (format)
            {
                case "wav":
                    WavHeader header = await WavFormat.ReadHeaderAsync(audio, cancellationToken).ConfigureAwait(false);
                    return header.DurationOf(Math.Min(audio.Length - header.DataOffset, header.DataLength ?? long.MaxValue));
                case "pcm":
                    return WavFormat.PcmDuration(audio.Length, SpeechFormat.PcmSampleRate, channels: 1, bitsPerSample: 16);
                case "mp3":
                    return await Mp3Frames.DurationAsync(audio, cancellationToken).ConfigureAwait(false);
                default:
                    return null;
            }
        }
    }
}
