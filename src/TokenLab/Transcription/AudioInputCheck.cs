using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using TokenLab.Client.Audio;
using TokenLab.Client.Transcription;
using TokenLab.PowerShell.Errors;

namespace TokenLab.PowerShell.Transcription
{
    /// <summary>
    /// The checks made before anything is uploaded: the audio can be read, its extension is one the API
    /// accepts, and it fits the 25 MB limit, or -Split can cut it into parts that do.
    /// </summary>
    internal static class AudioInputCheck
    {
        /// <summary>Null when the input may be sent (with <paramref name="split"/> true when it must go in parts); else the error.</summary>
        public static ErrorRecord? Check(AudioInput input, bool splitAllowed, out bool split)
        {
            split = false;
            if (!AudioFormats.IsAccepted(input.FileName))
            {
                return Create(
                    new NotSupportedException("'" + input.FileName + "' is not an audio format the API accepts: use " + string.Join(", ", AudioFormats.Extensions) + "."),
                    ErrorIds.AudioFormatNotSupported, ErrorCategory.InvalidArgument, input,
                    "Convert the audio to one of those formats (for example with ffmpeg), or give -FileName the real extension.");
            }

            if (input.FilePath is string path && CannotRead(path) is Exception unreadable)
            {
                return Create(unreadable, ErrorIds.AudioFileUnreadable, ErrorCategory.ReadError, input, "Check the file's permissions, and that no other program holds it locked.");
            }

            if (input.Upload.Length <= AudioFormats.MaxUploadBytes)
            {
                return null;
            }

            string size = Megabytes(input.Upload.Length);
            if (!splitAllowed)
            {
                return Create(
                    new InvalidOperationException("'" + input.Source + "' is " + size + ", over the API's 25 MB limit for one upload."),
                    ErrorIds.AudioFileTooLarge, ErrorCategory.LimitsExceeded, input,
                    "Add -Split to send WAV or MP3 audio in parts and get one joined transcript, or compress the audio below 25 MB.");
            }

            if (!AudioSplitter.CanSplit(input.FileName))
            {
                return Create(
                    new NotSupportedException("'" + input.Source + "' is " + size + ", over the 25 MB limit, and -Split can only cut " + string.Join(" and ", AudioSplitter.Extensions).ToUpperInvariant() + " audio."),
                    ErrorIds.SplitNotSupported, ErrorCategory.InvalidArgument, input,
                    "Convert the audio to WAV or MP3 (for example with ffmpeg) and use -Split, or compress it below 25 MB.");
            }

            split = true;
            return null;
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

        private static string Megabytes(long bytes) =>
            (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

        private static ErrorRecord Create(Exception exception, string id, ErrorCategory category, AudioInput input, string action) =>
            ErrorRecordFactory.Create(exception, id, category, input.Target, action);
    }
}
