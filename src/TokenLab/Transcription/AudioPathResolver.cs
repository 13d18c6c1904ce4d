using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Management.Automation;
using TokenLab.PowerShell.Errors;

namespace TokenLab.PowerShell.Transcription
{
    /// <summary>
    /// Resolves -Path (wildcards) and -LiteralPath against the current PowerShell location, as provider
    /// paths, and keeps only existing files of the FileSystem provider; anything else is refused.
    /// </summary>
    internal static class AudioPathResolver
    {
        // FileSystemInfo.ResolveLinkTarget(bool): .NET 6 and later; null on .NET Framework.
        private static readonly MethodInfo? ResolveLinkTarget = typeof(FileSystemInfo).GetMethod("ResolveLinkTarget", new[] { typeof(bool) });

        /// <summary>Each file the path names, or why the path names none (TokenLab.AudioFileNotFound).</summary>
        public static IEnumerable<(string? Path, TokenLabInputException? Error)> Resolve(PSCmdlet cmdlet, string path, bool literal)
        {
            var resolved = new List<(string?, TokenLabInputException?)>();
            ProviderInfo provider;
            IEnumerable<string> candidates;
            try
            {
                candidates = literal
                    ? new[] { cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _) }
                    : cmdlet.GetResolvedProviderPathFromPSPath(path, out provider);
            }
            catch (SessionStateException ex)
            {
                resolved.Add((null, NotFound(ex.Message)));
                return resolved;
            }

            if (provider.Name != "FileSystem")
            {
                resolved.Add((null, NotFound("'" + path + "' is a " + provider.Name + " path; audio must be a file on disk.")));
                return resolved;
            }

            var files = new List<string>(candidates);
            if (files.Count == 0 && WildcardPattern.ContainsWildcardCharacters(path)
                && cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path) is string asIs && File.Exists(asIs))
            {
                // A name with [ ] that reached -Path (a piped file object binds -Path by its Path property):
                // when the pattern matches nothing, the file of that very name is meant.
                files.Add(asIs);
            }

            foreach (string candidate in files)
            {
                resolved.Add(Directory.Exists(candidate) ? (null, NotFound("'" + candidate + "' is a folder, not an audio file."))
                    : !File.Exists(candidate) ? (null, NotFound("The audio file '" + candidate + "' does not exist."))
                    : LinkTarget(new FileInfo(candidate)).Length == 0 ? (null, HoldsNoAudio(candidate))
                    : (candidate, null));
            }

            return resolved;
        }

        /// <summary>
        /// An empty file, or one that is not a regular file: a named pipe or a device (/dev/zero linked as zero.wav) has
        /// no size, and opening one would wait for a writer or read forever. Told from its size alone, without opening it.
        /// </summary>
        private static TokenLabInputException HoldsNoAudio(string path) => new TokenLabInputException(
            ErrorIds.InvalidAudio, ErrorCategory.InvalidData,
            "'" + path + "' holds no audio: it is empty, or not a regular file (a named pipe, a device).",
            "Give a recording saved as a file; audio from a pipe or a program goes in with -InputStream and -FileName.");

        /// <summary>
        /// The file a symbolic link finally names (its own size is the length of the name it holds). Through reflection:
        /// FileSystemInfo.ResolveLinkTarget is .NET 6+, beyond netstandard2.0; Windows PowerShell has no pipes or devices as files.
        /// </summary>
        private static FileInfo LinkTarget(FileInfo file) =>
            (file.Attributes & FileAttributes.ReparsePoint) != 0 && ResolveLinkTarget?.Invoke(file, new object[] { true }) is FileInfo target ? target : file;

        private static TokenLabInputException NotFound(string message) => new TokenLabInputException(
            ErrorIds.AudioFileNotFound, ErrorCategory.ObjectNotFound, message,
            "Check the path; -Path takes wildcards, -LiteralPath takes names with [ ] as they are.");
    }
}
