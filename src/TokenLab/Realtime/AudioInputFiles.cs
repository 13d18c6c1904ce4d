using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TokenLab.Client.Realtime;
using TokenLab.PowerShell.Errors;
using TokenLab.PowerShell.Transcription;

namespace TokenLab.PowerShell.Realtime
{
    /// <summary>
    /// The audio files an input path of a realtime command names: resolved like every audio input of the module
    /// (<see cref="AudioPathResolver"/>, wildcards allowed), with a recommended action about the format realtime takes.
    /// </summary>
    internal static class AudioInputFiles
    {
        /// <summary>The files, or none and the error to write when the path names no file (TokenLab.AudioFileNotFound).</summary>
        public static (IReadOnlyList<string> Files, ErrorRecord? Error) Resolve(PSCmdlet cmdlet, string path)
        {
            var resolved = AudioPathResolver.Resolve(cmdlet, path, literal: false).ToList();
            List<string> files = resolved.Where(r => r.Path is not null).Select(r => r.Path!).ToList();
            if (files.Count > 0)
            {
                return (files, null);
            }

            TokenLabInputException missing = resolved.Select(r => r.Error).FirstOrDefault(e => e is not null)
                ?? new TokenLabInputException(ErrorIds.AudioFileNotFound, ErrorCategory.ObjectNotFound, "The audio file '" + path + "' does not exist.", string.Empty);
            return (new string[0], ErrorRecordFactory.Create(missing, missing.ErrorId, missing.Category, path,
                "Check the path: realtime sessions take " + RealtimeInputAudio.AcceptedFormats + " files (.pcm, .raw)."));
        }
    }
}
