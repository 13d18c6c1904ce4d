using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using TokenLab.PowerShell.Errors;

namespace TokenLab.PowerShell.Infrastructure
{
    /// <summary>
    /// Resolves output paths the way PowerShell users expect: relative to the current PowerShell location
    /// (not the process directory), through providers and drives (Temp:, ~, a New-PSDrive), literally
    /// (no wildcards), and only to the file system.
    /// </summary>
    internal static class FileSystemPaths
    {
        /// <summary>Compares full paths as the file system does: ignoring case on Windows, exactly elsewhere.</summary>
        public static readonly StringComparer Comparer =
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

        /// <summary>The full file-system path for <paramref name="path"/>, which need not exist yet. Call on the pipeline thread. <paramref name="action"/> replaces the default recommended action.</summary>
        /// <exception cref="TokenLabInputException">The path is not a file-system path, or its drive does not exist.</exception>
        public static string Resolve(PSCmdlet cmdlet, string path, string? action = null)
        {
            string resolved;
            ProviderInfo provider;
            try
            {
                resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
            }
            catch (Exception ex) when (ex is SessionStateException || IsPathFormatError(ex))
            {
                throw InvalidPath(path, ex.Message, action);
            }

            if (provider.Name != "FileSystem")
            {
                throw InvalidPath(path, "it is a " + provider.Name + " path, and audio can only be saved to the file system.", action);
            }

            if (resolved.Any(char.IsControl))
            {
                throw InvalidPath(path, "it holds a control character (a line break, a tab), which Windows refuses in file names and scripts easily mishandle.", action);
            }

            try
            {
                // What the writers do with it: .NET Framework refuses a colon inside a name (C:\out\a:b.wav), every runtime a NUL.
                return Path.GetFullPath(resolved);
            }
            catch (Exception ex) when (IsPathFormatError(ex))
            {
                throw InvalidPath(path, ex.Message, action);
            }
        }

        private static bool IsPathFormatError(Exception ex) =>
            ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException || ex is System.Security.SecurityException;

        /// <summary>The full path of an -OutDirectory folder, which need not exist yet but must not be a file.</summary>
        /// <exception cref="TokenLabInputException">The path cannot be a folder (TokenLab.InvalidOutputPath).</exception>
        public static string ResolveOutputFolder(PSCmdlet cmdlet, string path)
        {
            string resolved = Resolve(cmdlet, path);
            if (File.Exists(resolved))
            {
                throw InvalidPath(path, "it is a file, not a folder.");
            }

            return resolved;
        }

        /// <summary>The current PowerShell location in the file system (the last one, when the current location is another provider's).</summary>
        public static string CurrentDirectory(PSCmdlet cmdlet) => cmdlet.SessionState.Path.CurrentFileSystemLocation.ProviderPath;

        /// <summary>The refusal of an output path; <paramref name="action"/> replaces the default recommended action.</summary>
        public static TokenLabInputException InvalidPath(string path, string reason, string? action = null) => new TokenLabInputException(
            ErrorIds.InvalidOutputPath,
            ErrorCategory.InvalidArgument,
            "Cannot save to '" + path + "': " + reason,
            action ?? "Use a file-system path in an existing folder, for example ./speech.mp3, or -OutDirectory to have the folder created.");

        /// <summary>
        /// The full path of an output file: a file-system path, not a folder, in a folder that exists.
        /// <paramref name="action"/> replaces the default recommended action of the refusals.
        /// </summary>
        /// <exception cref="TokenLabInputException">The path cannot be saved to (TokenLab.InvalidOutputPath).</exception>
        public static string ResolveOutputFile(PSCmdlet cmdlet, string path, string? action = null)
        {
            string resolved = Resolve(cmdlet, path, action);
            if (Directory.Exists(resolved))
            {
                throw InvalidPath(path, "it is a folder, and -OutFile names a file.", action);
            }

            if (!Directory.Exists(System.IO.Path.GetDirectoryName(resolved)))
            {
                throw InvalidPath(path, "its folder does not exist.", action);
            }

            return resolved;
        }
    }
}
