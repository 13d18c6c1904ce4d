using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TokenLab.PowerShell.Errors;

namespace TokenLab.PowerShell.Realtime
{
    /// <summary>The audio files an input path names: file-system files, wildcards allowed.</summary>
    internal static class AudioInputFiles
    {
        /// <summary>The files, or none and the error to write when the path names no file.</summary>
        public static (IReadOnlyList<string> Files, ErrorRecord? Error) Resolve(PSCmdlet cmdlet, string path)
        {
            try
            {
                Collection<string> found = cmdlet.GetResolvedProviderPathFromPSPath(path, out ProviderInfo provider);
                List<string> files = found.Where(File.Exists).ToList();
                if (provider.ImplementingType == typeof(Microsoft.PowerShell.Commands.FileSystemProvider) && files.Count > 0)
                {
                    return (files, null);
                }
            }
            catch (ItemNotFoundException)
            {
                // Reported below, with the error ID scripts can catch.
            }

            return (new string[0], ErrorRecordFactory.Create(
                new FileNotFoundException("The audio file '" + path + "' does not exist."),
                ErrorIds.InputFileNotFound,
                ErrorCategory.ObjectNotFound,
                path,
                "Check the path: realtime sessions take WAV files (24 kHz, mono, 16-bit PCM) or raw PCM files (.pcm, .raw)."));
        }
    }
}
