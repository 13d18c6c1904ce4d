using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;

namespace TokenLab.Client.IO
{
    /// <summary>
    /// Writes a file so that it appears complete or not at all: the bytes go to a hidden temporary
    /// file beside the target (same folder, so the final rename cannot cross volumes), which
    /// <see cref="Commit"/> renames into place. Disposing without a commit deletes the temporary
    /// file, so a failure (a full disk included), a cut-off download or Ctrl+C leaves nothing behind;
    /// what a killed process left is removed by the next writer of the same target.
    /// </summary>
    public sealed class AtomicFileWriter : IDisposable
    {
        /// <summary>A temporary file older than this is abandoned even when its process ID is in use again.</summary>
        internal static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(24);

        private const int BufferSize = 81920;
        private const string TemporarySuffix = ".partial";

        // The longest file name common file systems take: 255 UTF-16 units on NTFS, 255 bytes on ext4 and
        // most Unix file systems. Counting UTF-8 bytes is within both.
        private const int MaxNameBytes = 255;

        // What the temporary name adds after its stem: "<pid>-<n>.partial", each number at most 10 digits.
        private const int CounterBytes = 10 + 1 + 10 + 8;

        // A locked target (a media player, an antivirus scan) is usually free again within a second or two.
        private static readonly int[] ReplaceRetryDelaysMs = { 100, 200, 400, 800 };

        private static readonly int ProcessId = Process.GetCurrentProcess().Id;
        private static int sequence;

        private readonly bool overwrite;
        private readonly Action<string, string> replace;
        private Stream? stream;
        private bool committed;

        private AtomicFileWriter(string targetPath, string temporaryPath, bool overwrite, Stream stream, Action<string, string> replace)
        {
            TargetPath = targetPath;
            TemporaryPath = temporaryPath;
            this.overwrite = overwrite;
            this.stream = stream;
            this.replace = replace;
        }

        /// <summary>The full path the file will have once committed.</summary>
        public string TargetPath { get; }

        /// <summary>The full path of the temporary file being written.</summary>
        public string TemporaryPath { get; }

        /// <summary>The temporary file: writable, readable and seekable (to patch headers before the commit).</summary>
        public Stream Stream => stream ?? throw new ObjectDisposedException(nameof(AtomicFileWriter));

        /// <summary>
        /// Starts writing <paramref name="targetPath"/>. The folder must exist. Temporary files of the same
        /// target that a killed process left behind are removed first.
        /// </summary>
        /// <exception cref="OutputFileExistsException">The target exists and <paramref name="overwrite"/> is false.</exception>
        public static AtomicFileWriter Create(string targetPath, bool overwrite) =>
            Create(targetPath, overwrite, OpenTemporaryFile, ReplaceFile);

        /// <summary><see cref="Create(string, bool)"/> with the file operations a test replaces (a full disk, a locked target).</summary>
        internal static AtomicFileWriter Create(string targetPath, bool overwrite, Func<string, Stream> openTemporary, Action<string, string> replace)
        {
            if (string.IsNullOrEmpty(targetPath))
            {
                throw new ArgumentException("A target path is required.", nameof(targetPath));
            }

            string fullPath = Path.GetFullPath(targetPath);
            ThrowIfClobbering(fullPath, overwrite);
            string folder = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException("The path has no folder: " + fullPath, nameof(targetPath));
            string stem = TemporaryStem(Path.GetFileName(fullPath));
            RemoveAbandoned(folder, stem);
            uint number = unchecked((uint)Interlocked.Increment(ref sequence));
            string temporaryPath = Path.Combine(folder, stem + ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + number.ToString(CultureInfo.InvariantCulture) + TemporarySuffix);
            return new AtomicFileWriter(fullPath, temporaryPath, overwrite, openTemporary(temporaryPath), replace);
        }

        /// <summary>Flushes and closes the temporary file and renames it to <see cref="TargetPath"/>.</summary>
        /// <exception cref="OutputFileExistsException">Another writer created the target meanwhile and overwriting is not allowed.</exception>
        /// <exception cref="OutputFileReplaceException">The existing target stayed locked (overwrite only).</exception>
        /// <exception cref="IOException">The final flush failed (a full disk); disposing deletes the temporary file.</exception>
        public void Commit()
        {
            Stream file = stream ?? throw new ObjectDisposedException(nameof(AtomicFileWriter));

            // No fsync: the rename already keeps readers from ever seeing a partial file, and forcing
            // every file to the platters would cost more than the download of a short one.
            stream = null;
            file.Dispose();
            if (overwrite && File.Exists(TargetPath))
            {
                ReplaceTarget();
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
            Stream? file = stream;
            stream = null;
            if (committed)
            {
                return;
            }

            try
            {
                file?.Dispose();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // The closing flush of a file being thrown away fails on a full disk: the file goes anyway,
                // and the error that led here is the one to report.
            }
            finally
            {
                TryDelete(TemporaryPath);
            }
        }

        /// <summary>
        /// ".name.": the part of the temporary name that names the target. A name that would make the temporary
        /// name too long is cut and completed with a hash of the whole name, so every legal target name works.
        /// </summary>
        internal static string TemporaryStem(string fileName)
        {
            int room = MaxNameBytes - CounterBytes - 2;
            if (Encoding.UTF8.GetByteCount(fileName) <= room)
            {
                return "." + fileName + ".";
            }

            string hash = StableHash(fileName);
            return "." + CutToBytes(fileName, room - 1 - hash.Length) + "~" + hash + ".";
        }

        private void ReplaceTarget()
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    replace(TemporaryPath, TargetPath);
                    return;
                }
                catch (Exception ex) when ((ex is IOException || ex is UnauthorizedAccessException) && !(ex is FileNotFoundException))
                {
                    if (attempt == ReplaceRetryDelaysMs.Length)
                    {
                        throw new OutputFileReplaceException(TargetPath, ex);
                    }

                    Thread.Sleep(ReplaceRetryDelaysMs[attempt]);
                }
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

        private static Stream OpenTemporaryFile(string path) =>
            new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize, FileOptions.Asynchronous);

        private static void ReplaceFile(string source, string target) => File.Replace(source, target, destinationBackupFileName: null);

        /// <summary>
        /// Deletes the temporary files of this target ("stem&lt;pid&gt;-&lt;n&gt;.partial") whose process is gone, or that are
        /// older than <see cref="AbandonedAfter"/> (the ID may belong to another process by now), unless a writer
        /// still holds them open: every writer holds its file exclusively (a lock on Unix), which a killed process loses.
        /// </summary>
        private static void RemoveAbandoned(string folder, string stem)
        {
            // A name with wildcard characters (legal on Unix) is matched exactly below, not by the pattern.
            string pattern = (stem.IndexOfAny(new[] { '*', '?' }) < 0 ? stem : string.Empty) + "*" + TemporarySuffix;
            string[] candidates;
            try
            {
                candidates = Directory.GetFiles(folder, pattern);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return;
            }

            DateTime abandonedBefore = DateTime.UtcNow - AbandonedAfter;
            foreach (string candidate in candidates)
            {
                if (OwnerOf(Path.GetFileName(candidate), stem) is int owner
                    && (!IsRunning(owner) || File.GetLastWriteTimeUtc(candidate) < abandonedBefore))
                {
                    DeleteUnlessHeld(candidate);
                }
            }
        }

        /// <summary>The process ID in a temporary name of the stem's target; null for any other name.</summary>
        private static int? OwnerOf(string name, string stem)
        {
            if (!name.StartsWith(stem, StringComparison.Ordinal) || !name.EndsWith(TemporarySuffix, StringComparison.Ordinal))
            {
                return null;
            }

            string[] numbers = name.Substring(stem.Length, name.Length - stem.Length - TemporarySuffix.Length).Split('-');
            return numbers.Length == 2
                && int.TryParse(numbers[0], NumberStyles.None, CultureInfo.InvariantCulture, out int owner)
                && uint.TryParse(numbers[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)
                ? owner : (int?)null;
        }

        private static bool IsRunning(int processId)
        {
            if (processId == ProcessId)
            {
                return true;
            }

            try
            {
                using (Process.GetProcessById(processId))
                {
                    return true;
                }
            }
            catch (ArgumentException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        private static void DeleteUnlessHeld(string path)
        {
            try
            {
                // Opening exclusively fails while a writer holds the file; delete-on-close removes it while it is held here.
                using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose))
                {
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // Held by a live writer, or not ours to delete: left alone.
            }
        }

        /// <summary>The longest start of <paramref name="text"/> of at most <paramref name="maxBytes"/> UTF-8 bytes, never splitting a surrogate pair.</summary>
        private static string CutToBytes(string text, int maxBytes)
        {
            int bytes = 0;
            int length = 0;
            while (length < text.Length)
            {
                char c = text[length];
                int width = char.IsHighSurrogate(c) && length + 1 < text.Length && char.IsLowSurrogate(text[length + 1]) ? 2 : 1;
                int charBytes = width == 2 ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
                if (bytes + charBytes > maxBytes)
                {
                    break;
                }

                bytes += charBytes;
                length += width;
            }

            return text.Substring(0, length);
        }

        /// <summary>FNV-1a (64 bit) of the name's UTF-8 bytes as 16 hex digits: stable everywhere, and no security rests on it.</summary>
        private static string StableHash(string text)
        {
            ulong hash = 14695981039346656037UL;
            foreach (byte b in Encoding.UTF8.GetBytes(text))
            {
                hash = unchecked((hash ^ b) * 1099511628211UL);
            }

            return hash.ToString("x16", CultureInfo.InvariantCulture);
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Still open elsewhere (an antivirus scan): the next writer of this target removes it.
            }
            catch (UnauthorizedAccessException)
            {
                // The folder became read-only: nothing more can be done here.
            }
        }
    }
}
