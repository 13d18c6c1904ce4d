using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TokenLab.Client.Audio
{
    /// <summary>
    /// Writes one WAV file from audio that arrives in pieces (for example several responses joined
    /// into one file): a header with placeholder sizes first, the samples as they come, and the
    /// real RIFF and data sizes patched in by <see cref="CompleteAsync"/>. Memory use does not grow
    /// with the audio.
    /// </summary>
    public sealed class StreamingWavWriter
    {
        private readonly Stream output;
        private readonly long headerStart;
        private bool completed;

        /// <summary>Writes the header for <paramref name="format"/>'s kind of samples at the stream's position.</summary>
        /// <param name="output">A writable, seekable stream (the header is patched at the end).</param>
        /// <param name="format">The sample format; its sizes and offsets are ignored.</param>
        public StreamingWavWriter(Stream output, WavHeader format)
        {
            if (output is null || !output.CanSeek || !output.CanWrite)
            {
                throw new ArgumentException("A writable, seekable stream is required.", nameof(output));
            }

            Format = format ?? throw new ArgumentNullException(nameof(format));
            this.output = output;
            headerStart = output.Position;
            byte[] header = WavFormat.CreateHeader(format.FormatTag, format.Channels, format.SampleRate, format.BitsPerSample, null);
            output.Write(header, 0, header.Length);
        }

        /// <summary>The kind of samples this file holds.</summary>
        public WavHeader Format { get; }

        /// <summary>Sample bytes written so far.</summary>
        public long DataLength { get; private set; }

        /// <summary>Appends sample bytes.</summary>
        public async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (completed)
            {
                throw new InvalidOperationException("The WAV file is already complete.");
            }

            await output.WriteAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            DataLength += count;
        }

        /// <summary>Pads the data to an even length as RIFF requires, writes the real sizes and flushes.</summary>
        public async Task CompleteAsync(CancellationToken cancellationToken)
        {
            if (completed)
            {
                return;
            }

            if ((DataLength & 1) == 1)
            {
                output.WriteByte(0);
            }

            long end = output.Position;
            var sizes = new byte[WavFormat.CanonicalHeaderLength];
            WavFormat.WriteSizes(sizes, DataLength);
            output.Position = headerStart + WavFormat.RiffSizeOffset;
            await output.WriteAsync(sizes, WavFormat.RiffSizeOffset, 4, cancellationToken).ConfigureAwait(false);
            output.Position = headerStart + WavFormat.CanonicalDataSizeOffset;
            await output.WriteAsync(sizes, WavFormat.CanonicalDataSizeOffset, 4, cancellationToken).ConfigureAwait(false);
            output.Position = end;
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            completed = true;
        }
    }
}
