using System;
using System.Diagnostics;

namespace TokenLab.Client.Transcription
{
    /// <summary>Turns the events of one transcription call into <see cref="TranscriptionProgress"/> reports.</summary>
    internal sealed class TranscriptionProgressSink
    {
        private readonly IProgress<TranscriptionProgress>? progress;
        private readonly long totalBytes;
        private readonly Stopwatch clock;
        private readonly int part;
        private readonly int partCount;

        public TranscriptionProgressSink(IProgress<TranscriptionProgress>? progress, long totalBytes, Stopwatch clock, int part, int partCount)
        {
            this.progress = progress;
            this.totalBytes = totalBytes;
            this.clock = clock;
            this.part = part;
            this.partCount = partCount;
        }

        public void Uploading(long bytesSent) => Report(TranscriptionStage.Uploading, bytesSent, null);

        /// <summary>The last byte went out: the service is working on it.</summary>
        public void Uploaded() => Report(TranscriptionStage.Processing, totalBytes, null);

        public void WaitingForTask(string taskId, string? status, int? percent) => Report(TranscriptionStage.WaitingForTask, totalBytes, progress =>
        {
            progress.TaskId = taskId;
            progress.TaskStatus = status;
            progress.TaskPercent = percent;
        });

        public void Completed() => Report(TranscriptionStage.Completed, totalBytes, null);

        private void Report(TranscriptionStage stage, long bytesSent, Action<TranscriptionProgress>? fill)
        {
            if (progress is null)
            {
                return;
            }

            var snapshot = new TranscriptionProgress(stage, bytesSent, totalBytes, clock.Elapsed) { Part = part, PartCount = partCount };
            fill?.Invoke(snapshot);
            progress.Report(snapshot);
        }
    }
}
