using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client.Audio;
using TokenLab.Client.Realtime;

namespace TokenLab.PowerShell.Realtime
{
    /// <summary>
    /// Audio to send in a realtime session: the samples of a WAV file in the realtime format (24 kHz, mono,
    /// 16-bit PCM), or raw PCM in that format. Anything else is refused with a message naming the format.
    /// </summary>
    internal sealed class RealtimeAudioInput : IDisposable
    {
        private static readonly string[] RawExtensions = { ".pcm", ".raw" };

        private RealtimeAudioInput(Stream pcm, long? length)
        {
            Pcm = pcm;
            Length = length;
        }

        /// <summary>Positioned at the first sample.</summary>
        public Stream Pcm { get; }

        /// <summary>Bytes of samples; null to read to the end.</summary>
        public long? Length { get; }

        /// <summary>Opens a file; returns null and the reason when it is not usable.</summary>
        public static async Task<(RealtimeAudioInput? Input, string? Problem)> OpenFileAsync(string path, CancellationToken cancellationToken)
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            bool rawByName = Array.IndexOf(RawExtensions, Path.GetExtension(path).ToLowerInvariant()) >= 0;
            (RealtimeAudioInput? input, string? problem) = await OpenAsync(file, file.Length, rawByName, Path.GetFileName(path), cancellationToken).ConfigureAwait(false);
            if (input is null)
            {
                file.Dispose();
            }

            return (input, problem);
        }

        /// <summary>Bytes that hold a WAV file (they start with RIFF) or raw PCM.</summary>
        public static Task<(RealtimeAudioInput? Input, string? Problem)> FromBytesAsync(byte[] bytes, CancellationToken cancellationToken) =>
            OpenAsync(new MemoryStream(bytes, writable: false), bytes.Length, rawByName: true, "-AudioBytes", cancellationToken);

        public void Dispose() => Pcm.Dispose();

        private static async Task<(RealtimeAudioInput?, string?)> OpenAsync(Stream stream, long length, bool rawByName, string name, CancellationToken cancellationToken)
        {
            var magic = new byte[4];
            int read = await stream.ReadAsync(magic, 0, 4, cancellationToken).ConfigureAwait(false);
            stream.Position = 0;
            bool isWav = read == 4 && magic[0] == 'R' && magic[1] == 'I' && magic[2] == 'F' && magic[3] == 'F';
            if (isWav)
            {
                try
                {
                    WavHeader header = await RealtimeAudio.ReadWavHeaderAsync(stream, cancellationToken).ConfigureAwait(false);
                    long samples = Math.Min(header.DataLength ?? long.MaxValue, length - header.DataOffset);
                    return (new RealtimeAudioInput(stream, samples & ~1L), null);
                }
                catch (InvalidDataException ex)
                {
                    return (null, name + ": " + ex.Message);
                }
            }

            if (!rawByName)
            {
                return (null, name + " is not a WAV file. Realtime sessions take " + RealtimeAudio.FormatDescription
                    + " audio: a WAV file in that format, or raw PCM (.pcm, .raw).");
            }

            return length % 2 == 1
                ? (null, name + " holds " + length + " bytes, but 16-bit PCM has an even number of bytes; realtime sessions take " + RealtimeAudio.FormatDescription + ".")
                : (new RealtimeAudioInput(stream, length), null);
        }
    }
}
