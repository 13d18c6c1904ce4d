using System;
using System.IO;
using System.Management.Automation;
using TokenLab.Client.Audio;
using TokenLab.Client.Transcription;
using TokenLab.PowerShell.Errors;
using TokenLab.PowerShell.Infrastructure;

namespace TokenLab.PowerShell.Transcription
{
    /// <summary>
    /// The checks made before anything is uploaded: the audio can be read, its extension is one the API
    /// accepts, and it fits the 25 MB limit, or -Split can cut it into parts that do.
    /// </summary>
    internal static class AudioInputCheck
    {
        /// <summary>True when the input must go in parts (over the limit, with -Split).</summary>
        /// <exception cref="TokenLabInputException">The input cannot be sent.</exception>
        public static bool NeedsSplit(AudioInput input, bool splitAllowed)
        {
            if (!AudioFormats.IsAccepted(input.FileName))
            {
                throw new TokenLabInputException(ErrorIds.AudioFormatNotSupported, ErrorCategory.InvalidArgument,
                    "'" + input.FileName + "' is not an audio format the API accepts: use " + string.Join(", ", AudioFormats.Extensions) + ".",
                    "Convert the audio to one of those formats (for example with ffmpeg), or give -FileName the real extension.");
            }

            if (input.FilePath is string path && CannotRead(path) is Exception unreadable)
            {
                throw new TokenLabInputException(ErrorIds.AudioFileUnreadable, ErrorCategory.ReadError,
                    "'" + path + "' cannot be read: " + unreadable.Message,
                    "Check the file's permissions, and that no other program holds it locked.");
            }

            if (input.Upload.Length <= AudioFormats.MaxUploadBytes)
            {
                return false;
            }

            string size = ByteSizeText.Format(input.Upload.Length);
            if (!splitAllowed)
            {
                throw new TokenLabInputException(ErrorIds.AudioFileTooLarge, ErrorCategory.LimitsExceeded,
                    "'" + input.Source + "' is " + size + ", over the API's 25 MB limit for one upload.",
                    "Add -Split to send WAV or MP3 audio in parts and get one joined transcript, or compress the audio below 25 MB.");
            }

            if (!AudioSplitter.CanSplit(input.FileName))
            {
                throw new TokenLabInputException(ErrorIds.SplitNotSupported, ErrorCategory.InvalidArgument,
                    "'" + input.Source + "' is " + size + ", over the 25 MB limit, and -Split can only cut WAV and MP3 audio.",
                    "Convert the audio to WAV or MP3 (for example with ffmpeg) and use -Split, or compress it below 25 MB.");
            }

            return true;
        }

        private static Exception? CannotRead(string path)
        {
            try
            {
                using (new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1))
                {
                    return null;
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return ex;
            }
        }
    }
}
