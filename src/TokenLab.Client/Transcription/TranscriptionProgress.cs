using System;

namespace TokenLab.Client.Transcription
{
    /// <summary>A snapshot of a transcription call, reported at each change of stage and as the upload advances.</summary>
    public sealed class TranscriptionProgress
    {
        internal TranscriptionProgress(TranscriptionStage stage, long bytesSent, long totalBytes, TimeSpan elapsed)
        {
            Stage = stage;
            BytesSent = bytesSent;
            TotalBytes = totalBytes;
            Elapsed = elapsed;
        }

        /// <summary>What the call is doing.</summary>
        public TranscriptionStage Stage { get; }

        /// <summary>Audio bytes sent so far in this attempt (a retry starts again from 0).</summary>
        public long BytesSent { get; }

        /// <summary>Audio bytes to send.</summary>
        public long TotalBytes { get; }

        /// <summary>Time since the call started.</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>The accepted task's ID, while waiting for it.</summary>
        public string? TaskId { get; internal set; }

        /// <summary>The accepted task's last status (pending, processing).</summary>
        public string? TaskStatus { get; internal set; }

        /// <summary>The accepted task's progress in percent, when the service gives one.</summary>
        public int? TaskPercent { get; internal set; }

        /// <summary>The part being transcribed (from 1) when a split file is sent in parts; 1 otherwise.</summary>
        public int Part { get; internal set; } = 1;

        /// <summary>How many parts there are; 1 for a file sent whole.</summary>
        public int PartCount { get; internal set; } = 1;
    }
}
