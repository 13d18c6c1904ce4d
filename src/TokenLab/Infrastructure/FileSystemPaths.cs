using System.Management.Automation;
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
        /// <summary>The full file-system path for <paramref name="path"/>, which need not exist yet. Call on the pipeline thread.</summary>
        /// <exception cref="TokenLabInputException">The path is not a file-system path, or its drive does not exist.</exception>
        public static string Resolve(PSCmdlet cmdlet, string path)
        {
            string resolved;
            ProviderInfo provider;
            try
            {
                resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
            }
            catch (SessionStateException ex)
            {
                throw InvalidPath(path, ex.Message);
            }

            if (provider.Name != "FileSystem")
            {
                throw InvalidPath(path, "it is a " + provider.Name + " path, and audio can only be saved to the file system.");
            }

            return resolved;
        }

        /// <summary>The current PowerShell location in the file system (the last one, when the current location is another provider's).</summary>
        public static string CurrentDirectory(PSCmdlet cmdlet) => cmdlet.SessionState.Path.CurrentFileSystemLocation.ProviderPath;

        public static TokenLabInputException InvalidPath(string path, string reason) => new TokenLabInputException(
            ErrorIds.InvalidOutputPath,
            ErrorCategory.InvalidArgument,
            "Cannot save to '" + path + "': " + reason,
            "Use a file-system path in an existing folder, for example ./speech.mp3, or -OutDirectory to have the folder created.");
    }
}
