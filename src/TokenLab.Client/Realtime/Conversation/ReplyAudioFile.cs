using System;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client.Audio;
using TokenLab.Client.IO;

namespace TokenLab.Client.Realtime
{
    /// <summary>A turn's reply audio: a WAV file created at the first audio delta and committed only when the response completed.</summary>
    internal sealed class ReplyAudioFile : IDisposable
    {
        private readonly string? path;
        private readonly bool overwrite;
        private AtomicFileWriter? file;
        private StreamingWavWriter? wav;

        public ReplyAudioFile(string? path, bool overwrite)
        {
            this.path = path;
            this.overwrite = overwrite;
        }

        public long Bytes { get; private set; }

        public async Task WriteAsync(byte[] audio, CancellationToken token)
        {
            Bytes += audio.Length;
            if (path is null)
            {
                return;
            }

            if (file is null)
            {
                file = AtomicFileWriter.Create(path, overwrite);
                wav = new StreamingWavWriter(file.Stream, RealtimeAudio.Format);
            }

            await wav!.WriteAsync(audio, 0, audio.Length, token).ConfigureAwait(false);
        }

        /// <summary>Completes the file; returns its path, or null when no audio came or none was asked for.</summary>
        public async Task<string?> CommitAsync(CancellationToken token)
        {
            if (file is null)
            {
                return null;
            }

            await wav!.CompleteAsync(token).ConfigureAwait(false);
            file.Commit();
            return file.TargetPath;
        }

        /// <summary>Deletes the temporary file unless committed.</summary>
        public void Dispose() => file?.Dispose();
    }
}
