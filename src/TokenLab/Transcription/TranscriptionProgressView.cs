using System;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using TokenLab.Client.Transcription;
using TokenLab.PowerShell.Infrastructure;

namespace TokenLab.PowerShell.Transcription
{
    /// <summary>
    /// The progress bar of one input: bytes uploaded, then "processing" with the time elapsed, or the state
    /// of an accepted task; for split audio, which part. Upload updates are thinned out and stage changes
    /// always shown; a timer shows every second what was held back (so a stalled upload shows how far it
    /// got) and, while the service works, the time elapsed. Records are handed to <c>post</c>, which must
    /// bring them to the pipeline thread.
    /// </summary>
    internal sealed class TranscriptionProgressView : IProgress<TranscriptionProgress>, IDisposable
    {
        private static readonly TimeSpan UploadUpdateInterval = TimeSpan.FromMilliseconds(200);
        private static readonly TimeSpan WaitRefreshInterval = TimeSpan.FromSeconds(1);

        private readonly Action<ProgressRecord> post;
        private readonly ProgressRecord record;
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly Timer refresh;
        private readonly object gate = new object();
        private TranscriptionProgress? latest;
        private TimeSpan lastPosted = TimeSpan.MinValue;
        private bool heldBack;
        private bool completed;

        public TranscriptionProgressView(Action<ProgressRecord> post, int activityId, int parentActivityId, string activity)
        {
            this.post = post;
            record = new ProgressRecord(activityId, activity, "Starting") { ParentActivityId = parentActivityId };
            refresh = new Timer(_ => RefreshWait(), null, WaitRefreshInterval, WaitRefreshInterval);
        }

        public void Report(TranscriptionProgress value)
        {
            lock (gate)
            {
                bool stageChanged = latest is null || latest.Stage != value.Stage || latest.Part != value.Part || latest.TaskStatus != value.TaskStatus;
                latest = value;
                heldBack = true;
                if (stageChanged || clock.Elapsed - lastPosted >= UploadUpdateInterval || value.BytesSent == value.TotalBytes)
                {
                    PostLocked();
                }
            }
        }

        /// <summary>Ends the bar (also after a failure or Ctrl+C).</summary>
        public void Dispose()
        {
            refresh.Dispose();
            lock (gate)
            {
                if (!completed)
                {
                    completed = true;
                    post(Copy(ProgressRecordType.Completed, "Done", 100));
                }
            }
        }

        private void RefreshWait()
        {
            lock (gate)
            {
                if (heldBack || latest is { Stage: TranscriptionStage.Processing or TranscriptionStage.WaitingForTask })
                {
                    PostLocked();
                }
            }
        }

        private void PostLocked()
        {
            if (completed || latest is null)
            {
                return;
            }

            lastPosted = clock.Elapsed;
            heldBack = false;
            (string status, int percent) = Describe(latest, clock.Elapsed);
            post(Copy(ProgressRecordType.Processing, status, percent));
        }

        // Records go to another thread, so each post gets its own copy.
        private ProgressRecord Copy(ProgressRecordType type, string status, int percent) =>
            new ProgressRecord(record.ActivityId, record.Activity, status)
            {
                ParentActivityId = record.ParentActivityId,
                PercentComplete = percent,
                RecordType = type,
            };

        private static (string Status, int Percent) Describe(TranscriptionProgress progress, TimeSpan elapsed)
        {
            string part = progress.PartCount > 1
                ? string.Format(CultureInfo.InvariantCulture, "Part {0} of {1}: ", progress.Part, progress.PartCount)
                : string.Empty;
            string time = Elapsed(elapsed);
            switch (progress.Stage)
            {
                case TranscriptionStage.Uploading:
                    int percent = progress.TotalBytes <= 0 ? 0 : (int)Math.Min(100, progress.BytesSent * 100 / progress.TotalBytes);
                    return (part + "Uploading " + ByteSizeText.Format(progress.BytesSent) + " of " + ByteSizeText.Format(progress.TotalBytes), percent);
                case TranscriptionStage.WaitingForTask:
                    string state = progress.TaskStatus ?? "pending";
                    string taskPercent = progress.TaskPercent is int value ? " " + value.ToString(CultureInfo.InvariantCulture) + "%" : string.Empty;
                    return (part + "Task " + progress.TaskId + " " + state + taskPercent + ", " + time, progress.TaskPercent ?? -1);
                case TranscriptionStage.Completed:
                    return (part + "Transcript received, " + time, 100);
                default:
                    return (part + "Processing, " + time, -1);
            }
        }

        private static string Elapsed(TimeSpan elapsed) =>
            elapsed.ToString(elapsed.TotalHours >= 1 ? @"h\:mm\:ss" : @"mm\:ss", CultureInfo.InvariantCulture) + " elapsed";
    }
}
