using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client.Audio;
using TokenLab.PowerShell.Output;

namespace TokenLab.PowerShell.Speech
{
    /// <summary>What can be read back from saved speech: its duration, and the description of a file found already saved.</summary>
    internal static class SavedAudio
    {
        /// <summary>The duration where the format tells it; null for other formats or audio that does not parse.</summary>
        public static async Task<TimeSpan?> DurationAsync(Stream file, string format, CancellationToken token)
        {
            try
            {
                return await AudioDuration.ReadAsync(file, format, token).ConfigureAwait(false);
            }
            catch (InvalidDataException)
            {
                return null;
            }
        }

        /// <summary>A file the same request saved before (or an earlier item of this command is saving): reported, not requested.</summary>
        public static GeneratedSpeech Skipped(SpeechItem item, SpeechTarget target)
        {
            var file = new FileInfo(target.Path!);
            TimeSpan? duration = null;
            if (file.Exists)
            {
                using (var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                {
                    duration = DurationAsync(stream, item.Format, CancellationToken.None).GetAwaiter().GetResult();
                }
            }

            return new GeneratedSpeech(file, target.Text, item.Model, item.VoiceLabel, item.Format, file.Exists ? file.Length : 0, duration,
                requestId: null, billingTransactionId: null, TimeSpan.Zero, requests: 0, target.Part, usage: null, skipped: true);
        }
    }
}
