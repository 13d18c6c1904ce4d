using System;
using System.IO;
using TokenLab.Client.Transcription;

namespace TokenLab.PowerShell.Transcription
{
    /// <summary>
    /// One audio input, resolved: a file on disk, or a stream or byte array with the -FileName it stands for.
    /// A stream that cannot seek, and a stream or byte array over the upload limit, is first copied to a
    /// temporary file (deleted on dispose), so that a retry can send it again and -Split can cut it.
    /// </summary>
    internal sealed class AudioInput : IDisposable
    {
        private readonly string? temporaryFile;

        private AudioInput(string source, string? path, AudioUpload upload, object target, string? temporaryFile)
        {
            Source = source;
            FilePath = path;
            Upload = upload;
            Target = target;
            this.temporaryFile = temporaryFile;
        }

        /// <summary>What the output and messages call the input: the full path, or the file name.</summary>
        public string Source { get; }

        /// <summary>The file name sent with the audio (its extension tells the format).</summary>
        public string FileName => Upload.FileName;

        /// <summary>The file to read, also for splitting; null for audio held in memory or in a seekable stream.</summary>
        public string? FilePath { get; }

        /// <summary>The file the user named; null for a stream or byte array (also when copied to a temporary file).</summary>
        public string? OriginalFile => temporaryFile is null ? FilePath : null;

        public AudioUpload Upload { get; }

        /// <summary>The input as the user gave it, for error records.</summary>
        public object Target { get; }

        public static AudioInput FromFile(string path) => new AudioInput(path, path, AudioUpload.FromFile(path), path, null);

        public static AudioInput FromBytes(byte[] audio, string fileName) =>
            audio.Length > AudioFormats.MaxUploadBytes
                ? Spool(new MemoryStream(audio, writable: false), fileName)
                : new AudioInput(fileName, null, AudioUpload.FromBytes(audio, fileName), fileName, null);

        public static AudioInput FromStream(Stream audio, string fileName) =>
            audio.CanSeek && audio.Length - audio.Position <= AudioFormats.MaxUploadBytes
                ? new AudioInput(fileName, null, AudioUpload.FromSeekableStream(audio, fileName), fileName, null)
                : Spool(audio, fileName);

        public void Dispose()
        {
            if (temporaryFile is not null)
            {
                File.Delete(temporaryFile);
            }
        }

        private static AudioInput Spool(Stream audio, string fileName)
        {
            string spool = Path.Combine(Path.GetTempPath(), "tokenlab-" + Guid.NewGuid().ToString("N") + Path.GetExtension(fileName));
            try
            {
                using (var copy = new FileStream(spool, FileMode.CreateNew, FileAccess.Write))
                {
                    audio.CopyTo(copy);
                }

                return new AudioInput(fileName, spool, AudioUpload.FromFile(spool, fileName), fileName, spool);
            }
            catch
            {
                File.Delete(spool);
                throw;
            }
        }
    }
}
