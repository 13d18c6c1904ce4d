using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TokenLab.Client.Audio
{
    /// <summary>
    /// Joins the audio of consecutive responses (the parts of a long text) into one valid output, reading
    /// each part as a stream: one header with correct sizes for wav, frames for mp3, plain bytes for pcm.
    /// </summary>
    public abstract class AudioJoiner
    {
        private protected const int CopyBufferSize = 81920;

        private protected AudioJoiner(Stream output)
        {
            Output = output ?? throw new ArgumentNullException(nameof(output));
        }

        private protected Stream Output { get; }

        /// <summary>A joiner for <paramref name="format"/> (wav needs a seekable output: its sizes are patched at the end).</summary>
        /// <exception cref="NotSupportedException">The format's parts cannot be joined (opus, aac, flac).</exception>
        public static AudioJoiner Create(string format, Stream output) => format switch
        {
            "wav" => new WavJoiner(output),
            "pcm" => new PcmJoiner(output),
            "mp3" => new Mp3Joiner(output),
            _ => throw new NotSupportedException("Parts of " + format + " audio cannot be joined into one file."),
        };

        /// <summary>Appends the audio of the next part, read to its end.</summary>
        /// <exception cref="InvalidDataException">The part is not valid audio of this format, or does not match the first part.</exception>
        public abstract Task AppendAsync(Stream part, CancellationToken cancellationToken);

        /// <summary>Finishes the output (for wav: writes the real sizes) and flushes it.</summary>
        public virtual Task CompleteAsync(CancellationToken cancellationToken) => Output.FlushAsync(cancellationToken);
    }
}
