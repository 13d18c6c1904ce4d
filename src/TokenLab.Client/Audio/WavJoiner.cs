using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TokenLab.Client.Audio
{
    /// <summary>
    /// WAV parts join into one file with one header: the first part decides the sample format, every
    /// part's samples (and nothing else) follow, and the sizes are written once the last part is in.
    /// </summary>
    internal sealed class WavJoiner : AudioJoiner
    {
        private StreamingWavWriter? writer;
        private int parts;

        public WavJoiner(Stream output)
            : base(output)
        {
        }

        public override async Task AppendAsync(Stream part, CancellationToken cancellationToken)
        {
            parts++;
            WavHeader header = await WavFormat.ReadHeaderAsync(part, cancellationToken).ConfigureAwait(false);
            writer ??= new StreamingWavWriter(Output, header);
            if (!header.HasSameFormatAs(writer.Format))
            {
                throw new InvalidDataException("WAV part " + parts.ToString(CultureInfo.InvariantCulture)
                    + " has a different sample format from the first part, so the parts cannot be joined.");
            }

            // A declared length is honoured (chunks after the samples are not audio); a streaming one runs to the end.
            long left = header.DataLength ?? long.MaxValue;
            var buffer = new byte[CopyBufferSize];
            while (left > 0)
            {
                int read = await part.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, left), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    if (header.DataLength is not null)
                    {
                        throw new InvalidDataException("WAV part " + parts.ToString(CultureInfo.InvariantCulture) + " ended before the length its header declares.");
                    }

                    break;
                }

                await writer.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                left -= read;
            }
        }

        public override Task CompleteAsync(CancellationToken cancellationToken) =>
            writer?.CompleteAsync(cancellationToken) ?? Task.CompletedTask;
    }
}
