using System;
using System.IO;
using TokenLab.Client.IO;

namespace TokenLab.Client.Transcription
{
    /// <summary>
    /// The audio to send: a file name for the multipart part and a way to open the bytes, called once per
    /// attempt so a retry sends the file again from the start without it ever being held in memory.
    /// </summary>
    public sealed class AudioUpload
    {
        private const int FileBufferBytes = 81920;

        private readonly Func<Stream> open;

        /// <param name="fileName">The name sent in the part; its extension tells the API the format.</param>
        /// <param name="length">The number of bytes <paramref name="open"/> yields.</param>
        /// <param name="open">Opens the bytes from the start; the caller disposes the stream.</param>
        public AudioUpload(string fileName, long length, Func<Stream> open)
        {
            if (string.IsNullOrEmpty(fileName))
            {
                throw new ArgumentException("A file name is required: its extension tells the API the audio format.", nameof(fileName));
            }

            FileName = Path.GetFileName(fileName);
            Length = length;
            this.open = open ?? throw new ArgumentNullException(nameof(open));
        }

        /// <summary>The file name sent with the audio.</summary>
        public string FileName { get; }

        /// <summary>The number of bytes.</summary>
        public long Length { get; }

        /// <summary>The part content type, from the extension.</summary>
        public string MediaType => AudioFormats.MediaTypeOf(FileName);

        /// <summary>A file on disk, streamed from disk on every attempt.</summary>
        public static AudioUpload FromFile(string path) => FromFile(path, Path.GetFileName(path));

        /// <summary>A file on disk sent under another name (a temporary copy of a stream, say).</summary>
        public static AudioUpload FromFile(string path, string fileName)
        {
            var file = new FileInfo(path);
            return new AudioUpload(fileName, file.Length, () => OpenForAttempt(file.FullName));
        }

        // Opened afresh for every attempt: by a retry the file may have gone or been locked since it was checked.
        private static Stream OpenForAttempt(string path)
        {
            try
            {
                return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferBytes, FileOptions.Asynchronous | FileOptions.SequentialScan);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new AudioReadException(path, ex);
            }
        }

        /// <summary>Audio already in memory.</summary>
        public static AudioUpload FromBytes(byte[] audio, string fileName)
        {
            if (audio is null)
            {
                throw new ArgumentNullException(nameof(audio));
            }

            return new AudioUpload(fileName, audio.Length, () => new MemoryStream(audio, writable: false));
        }

        /// <summary>
        /// The rest of a seekable stream, from its current position; every attempt rewinds to that position.
        /// The stream is never closed: it stays the caller's.
        /// </summary>
        public static AudioUpload FromSeekableStream(Stream audio, string fileName)
        {
            if (audio is null || !audio.CanSeek || !audio.CanRead)
            {
                throw new ArgumentException("A readable, seekable stream is required.", nameof(audio));
            }

            long start = audio.Position;
            return new AudioUpload(fileName, audio.Length - start, () =>
            {
                audio.Position = start;
                return new ReadOnlyStreamView(audio, leaveOpen: true);
            });
        }

        /// <summary>Opens the bytes from the start.</summary>
        public Stream Open() => open();
    }
}
