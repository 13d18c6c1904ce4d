using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using TokenLab.PowerShell.Errors;

namespace TokenLab.PowerShell.Realtime
{
    /// <summary>
    /// The -OutFile of each turn: a file-system path in an existing folder, not written by an earlier turn of
    /// the same command, and not an existing file unless -Force. Checked before anything is sent, so a turn
    /// whose reply could not be saved costs nothing.
    /// </summary>
    internal sealed class TurnOutputFiles
    {
        private readonly PSCmdlet cmdlet;
        private readonly HashSet<string> used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public TurnOutputFiles(PSCmdlet cmdlet)
        {
            this.cmdlet = cmdlet;
        }

        /// <summary>The full path for <paramref name="outFile"/>, or null and the error to write.</summary>
        public (string? Path, ErrorRecord? Error) Resolve(string outFile, bool force, object input)
        {
            string path = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(outFile, out ProviderInfo provider, out _);
            if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
            {
                return Fail(new ArgumentException("-OutFile '" + outFile + "' is not a file-system path."), ErrorIds.InvalidOutputPath, ErrorCategory.InvalidArgument, input,
                    "Give a file path, such as ./reply.wav.");
            }

            if (!Directory.Exists(Path.GetDirectoryName(path)))
            {
                return Fail(new DirectoryNotFoundException("The folder of -OutFile '" + path + "' does not exist."), ErrorIds.InvalidOutputPath, ErrorCategory.ObjectNotFound, input,
                    "Create the folder first (New-Item -ItemType Directory), or choose another -OutFile.");
            }

            if (!used.Add(path))
            {
                return Fail(new IOException("An earlier turn of this command already wrote '" + path + "'."), ErrorIds.OutFileReused, ErrorCategory.InvalidArgument, input,
                    "Give each turn its own file: a script block such as -OutFile { $_.BaseName + '.reply.wav' }, or an OutFile column in CSV input.");
            }

            if (!force && File.Exists(path))
            {
                return Fail(new IOException("The file '" + path + "' already exists and was not overwritten."), ErrorIds.FileExists, ErrorCategory.ResourceExists, input,
                    "Use -Force to replace the file, or choose another -OutFile.");
            }

            return (path, null);
        }

        private static (string?, ErrorRecord?) Fail(Exception problem, string errorId, ErrorCategory category, object input, string action) =>
            (null, ErrorRecordFactory.Create(problem, errorId, category, input, action));
    }
}
