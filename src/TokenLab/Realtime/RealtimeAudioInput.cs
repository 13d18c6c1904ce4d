using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client.Realtime;

namespace TokenLab.PowerShell.Realtime
{
    /// <summary>
    /// Opens what a realtime command was given to send (<see cref="RealtimeInputAudio"/>: WAV, MP3, Ogg Vorbis or
    /// raw PCM, converted to the realtime format as it is read); returns null and the reason when it cannot be.
    /// </summary>
    internal static class RealtimeAudioInput
    {
        private static readonly string[] RawExtensions = { ".pcm", ".raw" };

        /// <summary>A file; raw PCM (in <paramref name="raw"/>) only for .pcm and .raw files, so an unknown file is refused by name.</summary>
        public static Task<(RealtimeInputAudio? Input, string? Problem)> OpenFileAsync(string path, RawPcmFormat raw, CancellationToken cancellationToken)
        {
            bool rawByName = Array.IndexOf(RawExtensions, Path.GetExtension(path).ToLowerInvariant()) >= 0;
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);
            return OpenStreamAsync(file, Path.GetFileName(path), rawByName ? raw : null, leaveOpen: false, cancellationToken);
        }

        /// <summary>Bytes or a stream (disposed with the result unless <paramref name="leaveOpen"/>): a recording of a kind
        /// the client tells by its first bytes, or raw PCM in <paramref name="raw"/> (refused when null).</summary>
        public static async Task<(RealtimeInputAudio? Input, string? Problem)> OpenStreamAsync(
            Stream stream, string name, RawPcmFormat? raw, bool leaveOpen, CancellationToken cancellationToken)
        {
            try
            {
                return (await RealtimeInputAudio.OpenAsync(stream, name, raw, leaveOpen, cancellationToken).ConfigureAwait(false), null);
            }
            catch (InvalidDataException ex)
            {
                return (null, ex.Message);
            }
        }
    }
}
