using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TokenLab.Client;
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

            if (input.FileName.Any(char.IsControl))
            {
                throw new TokenLabInputException(ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument,
                    "The file name '" + input.FileName.Replace("\r", "\\r").Replace("\n", "\\n") + "' holds a control character (a line break, a tab), which cannot be sent as the upload's file name.",
                    "Rename the file, or send it with -InputStream and a -FileName without control characters.");
            }

            if (AudioSignature.Problem(input.FileName, ReadHead(input)) is string problem)
            {
                throw new TokenLabInputException(ErrorIds.InvalidAudio, ErrorCategory.InvalidData,
                    "'" + input.Source + "' is not audio the API can take: " + problem,
                    "Check that it is the recording you meant; convert other audio to one of " + string.Join(", ", AudioFormats.Extensions) + " (for example with ffmpeg), and give it the extension of its format.");
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

        /// <summary>The first bytes of the audio, read the way the upload will read them (a regular file: opening it cannot hang).</summary>
        private static byte[] ReadHead(AudioInput input)
        {
            try
            {
                using (Stream audio = input.Upload.Open())
                {
                    var head = new byte[AudioSignature.HeadLength];
                    int length = 0;
                    int read;
                    while (length < head.Length && (read = audio.Read(head, length, head.Length - length)) > 0)
                    {
                        length += read;
                    }

                    Array.Resize(ref head, length);
                    return head;
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Exception cause = ex is AudioReadException ? ex.InnerException ?? ex : ex;
                throw new TokenLabInputException(ErrorIds.AudioFileUnreadable, ErrorCategory.ReadError,
                    "'" + input.Source + "' cannot be read: " + cause.Message,
                    "Check the file's permissions, and that no other program holds it locked.");
            }
        }
    }
}
