using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using TokenLab.PowerShell.Errors;

namespace TokenLab.PowerShell.Transcription
{
    /// <summary>
    /// Resolves -Path (wildcards) and -LiteralPath against the current PowerShell location, as provider
    /// paths, and keeps only existing files of the FileSystem provider; anything else is an error record.
    /// </summary>
    internal static class AudioPathResolver
    {
        public static IEnumerable<(string? Path, ErrorRecord? Error)> Resolve(PSCmdlet cmdlet, string path, bool literal)
        {
            var resolved = new List<(string?, ErrorRecord?)>();
            ProviderInfo provider;
            IEnumerable<string> candidates;
            try
            {
                candidates = literal
                    ? new[] { cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _) }
                    : cmdlet.GetResolvedProviderPathFromPSPath(path, out provider);
            }
            catch (ItemNotFoundException ex)
            {
                resolved.Add((null, NotFound(path, ex.Message)));
                return resolved;
            }
            catch (ProviderNotFoundException ex)
            {
                resolved.Add((null, NotFound(path, ex.Message)));
                return resolved;
            }
            catch (System.Management.Automation.DriveNotFoundException ex)
            {
                resolved.Add((null, NotFound(path, ex.Message)));
                return resolved;
            }

            if (provider.Name != "FileSystem")
            {
                resolved.Add((null, NotFound(path, "'" + path + "' is a " + provider.Name + " path; audio must be a file on disk.")));
                return resolved;
            }

            foreach (string candidate in candidates)
            {
                resolved.Add(Directory.Exists(candidate) ? (null, NotFound(candidate, "'" + candidate + "' is a folder, not an audio file."))
                    : File.Exists(candidate) ? (candidate, null)
                    : (null, NotFound(candidate, "The audio file '" + candidate + "' does not exist.")));
            }

            return resolved;
        }

        private static ErrorRecord NotFound(string path, string message) => ErrorRecordFactory.Create(
            new FileNotFoundException(message, path), ErrorIds.AudioFileNotFound, ErrorCategory.ObjectNotFound, path,
            "Check the path; -Path takes wildcards, -LiteralPath takes names with [ ] as they are.");
    }
}
