using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using TokenLab.Client.IO;
using TokenLab.PowerShell.Errors;
using TokenLab.PowerShell.Infrastructure;

namespace TokenLab.PowerShell.Realtime
{
    /// <summary>
    /// The -OutFile of each turn: a file-system path in an existing folder (resolved as for every command,
    /// <see cref="FileSystemPaths"/>), not written by an earlier turn of the same command, and not an existing
    /// file unless -Force. Checked before anything is sent, so a turn whose reply could not be saved costs nothing.
    /// </summary>
    internal sealed class TurnOutputFiles
    {
        private const string PathAction = "Give a file path in an existing folder, such as ./reply.wav (New-Item -ItemType Directory creates a folder).";

        private readonly PSCmdlet cmdlet;
        private readonly HashSet<string> used = new HashSet<string>(FileSystemPaths.Comparer);

        public TurnOutputFiles(PSCmdlet cmdlet)
        {
            this.cmdlet = cmdlet;
        }

        /// <summary>The full path for <paramref name="outFile"/>, or null and the error to write.</summary>
        public (string? Path, ErrorRecord? Error) Resolve(string outFile, bool force, object input)
        {
            try
            {
                return (Claim(outFile, force), null);
            }
            catch (Exception ex) when (ex is TokenLabInputException || ex is OutputFileExistsException)
            {
                return (null, ErrorRecordFactory.FromException(ex, input));
            }
        }

        private string Claim(string outFile, bool force)
        {
            string path = FileSystemPaths.ResolveOutputFile(cmdlet, outFile, PathAction);
            if (!used.Add(path))
            {
                throw new TokenLabInputException(ErrorIds.OutFileReused, ErrorCategory.ResourceExists,
                    "'" + path + "' is already written by an earlier turn of this command.",
                    "Give each turn its own file: a script block such as -OutFile { $_.BaseName + '.reply.wav' }, or an OutFile column in CSV input.");
            }

            if (!force && File.Exists(path))
            {
                throw new OutputFileExistsException(path);
            }

            return path;
        }
    }
}
