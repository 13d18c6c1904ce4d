using System;
using System.IO;
using System.Threading;
using TokenLab.Client.Audio;
using TokenLab.PowerShell.Output;

namespace TokenLab.PowerShell.Speech
{
    /// <summary>The description of a file found already saved, read back from the file.</summary>
    internal static class SavedAudio
    {
        /// <summary>A file the same request saved before (or an earlier item of this command is saving): reported, not requested.</summary>
        public static GeneratedSpeech Skipped(SpeechItem item, SpeechTarget target)
        {
            var file = new FileInfo(target.Path!);
            TimeSpan? duration = null;
            if (file.Exists)
            {
                using (var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                {
                    duration = AudioDuration.TryReadAsync(stream, item.Format, CancellationToken.None).GetAwaiter().GetResult();
                }
            }

            return new GeneratedSpeech(file, target.Text, item.Model, item.VoiceLabel, item.Format, file.Exists ? file.Length : 0, duration,
                requestId: null, billingTransactionId: null, TimeSpan.Zero, requests: 0, target.Part, usage: null, skipped: true)
            {
                EstimatedCost = EstimatedCost.NothingSent,
            };
        }
    }
}
