using System;
using System.Globalization;
using System.IO;
using System.Threading;

namespace TokenLab.Client.IO
{
    /// <summary>
    /// Writes a file so that it appears complete or not at all: the bytes go to a hidden temporary
    /// file beside the target (same folder, so the final rename cannot cross volumes), which
    /// <see cref="Commit"/> renames into place. Disposing without a commit deletes the temporary
    /// file, so a failure, a cut-off download or Ctrl+C leaves nothing behind.
    /// </summary>
    public sealed class AtomicFileWriter : IDisposable
    {
        private const int BufferSize = 81920;
        private static readonly string ProcessId = System.Diagnostics.Process.GetCurrentProcess().Id.ToString(CultureInfo.InvariantCulture);
        private static int sequence;

        private readonly bool overwrite;
        private FileStream? stream;
        private bool committed;

        private AtomicFileWriter(string targetPath, string temporaryPath, bool overwrite, FileStream stream)
        {
            TargetPath = targetPath;
            TemporaryPath = temporaryPath;
            this.overwrite = overwrite;
            this.stream = stream;
        }

        /// <summary>The full path the file will have once committed.</summary>
        public string TargetPath { get; }

        /// <summary>The full path of the temporary file being written.</summary>
        public string TemporaryPath { get; }

        /// <summary>The temporary file: writable, readable and seekable (to patch headers before the commit).</summary>
        public Stream Stream => stream ?? throw new ObjectDisposedException(nameof(AtomicFileWriter));

        /// <summary>
        /// Starts writing <paramref name="targetPath"/>. The folder must exist.
        /// </summary>
        /// <exception cref="OutputFileExistsException">The target exists and <paramref name="overwrite"/> is false.</exception>
        public static AtomicFileWriter Create(string targetPath, bool overwrite)
        {
            if (string.IsNullOrEmpty(targetPath))
            {
                throw new ArgumentException("A target path is required.", nameof(targetPath));
            }

            string fullPath = Path.GetFullPath(targetPath);
            ThrowIfClobbering(fullPath, overwrite);
            string folder = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException("The path has no folder: " + fullPath, nameof(targetPath));
            string temporaryPath = Path.Combine(folder, TemporaryName(Path.GetFileName(fullPath)));
            var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize, FileOptions.Asynchronous);
            return new AtomicFileWriter(fullPath, temporaryPath, overwrite, stream);
        }

        /// <summary>Flushes and closes the temporary file and renames it to <see cref="TargetPath"/>.</summary>
        /// <exception cref="OutputFileExistsException">Another writer created the target meanwhile and overwriting is not allowed.</exception>
        public void Commit()
        {
            FileStream file = stream ?? throw new ObjectDisposedException(nameof(AtomicFileWriter));

            // No fsync: the rename already keeps readers from ever seeing a partial file, and forcing
            // every file to the platters would cost more than the download of a short one.
            file.Dispose();
            stream = null;
            if (overwrite && File.Exists(TargetPath))
            {
                File.Replace(TemporaryPath, TargetPath, destinationBackupFileName: null);
            }
            else
            {
                MoveWithoutClobbering();
            }

            committed = true;
        }

        /// <summary>Closes the temporary file and, unless committed, deletes it.</summary>
        public void Dispose()
        {
            stream?.Dispose();
            stream = null;
            if (!committed)
            {
                TryDelete(TemporaryPath);
            }
        }

        private void MoveWithoutClobbering()
        {
            try
            {
                // File.Move refuses an existing target on every platform (link/unlink on Unix), so a
                // file created by someone else since Create is never replaced.
                File.Move(TemporaryPath, TargetPath);
            }
            catch (IOException) when (File.Exists(TargetPath))
            {
                throw new OutputFileExistsException(TargetPath);
            }
        }

        private static void ThrowIfClobbering(string fullPath, bool overwrite)
        {
            if (Directory.Exists(fullPath))
            {
                throw new IOException("'" + fullPath + "' is a folder, not a file.");
            }

            if (!overwrite && File.Exists(fullPath))
            {
                throw new OutputFileExistsException(fullPath);
            }
        }

        /// <summary>".name.&lt;pid&gt;-&lt;n&gt;.partial": hidden on Unix, unique per process and writer, clearly unfinished.</summary>
        private static string TemporaryName(string fileName) =>
            "." + fileName + "." + ProcessId + "-" + Interlocked.Increment(ref sequence).ToString(CultureInfo.InvariantCulture) + ".partial";

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Still open elsewhere (an antivirus scan): nothing more can be done here.
            }
            catch (UnauthorizedAccessException)
            {
                // The folder became read-only: nothing more can be done here.
            }
        }
    }
}
