using System;
using System.IO;

namespace TokenLab.Client.IO
{
    /// <summary>
    /// An existing file could not be replaced (overwrite), even after a few short retries: another program
    /// holds it open or locked, or it may not be replaced. The file was left as it was.
    /// </summary>
    public sealed class OutputFileReplaceException : IOException
    {
        // Windows: ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION, ERROR_UNABLE_TO_REMOVE_REPLACED, ERROR_UNABLE_TO_MOVE_REPLACEMENT(_2).
        private static readonly int[] InUseResults = { unchecked((int)0x80070020), unchecked((int)0x80070021), unchecked((int)0x80070497), unchecked((int)0x80070498), unchecked((int)0x80070499) };

        /// <summary>Creates the exception for <paramref name="path"/> from the last failure.</summary>
        public OutputFileReplaceException(string path, Exception cause)
            : base(Describe(path, cause), cause)
        {
            Path = path;
        }

        /// <summary>The full path of the file that was not replaced.</summary>
        public string Path { get; }

        private static string Describe(string path, Exception cause) =>
            "The file '" + path + "' could not be replaced and was left unchanged: "
            + (Array.IndexOf(InUseResults, cause.HResult) >= 0
                ? "another program holds it open or locked (a media player, an antivirus scan, a sync client, a share)."
                : cause.Message);
    }
}
