using System;

namespace TokenLab.Client.Realtime
{
    /// <summary>How a turn ended.</summary>
    public enum RealtimeTurnStatus
    {
        /// <summary>response.done with status completed: the reply is whole (and its audio saved).</summary>
        Completed,

        /// <summary>response.done with another status (failed, cancelled, incomplete); no file was written.</summary>
        Failed,

        /// <summary>The server refused the response.create with an error event; no response ran.</summary>
        Refused,
    }

    /// <summary>The reply of one turn and what it cost.</summary>
    public sealed class RealtimeTurnResult
    {
        internal RealtimeTurnResult(
            RealtimeTurnStatus status, string? responseStatus, string? transcript, string? text, string? audioPath, TimeSpan audioDuration,
            RealtimeUsage usage, string? responseId, RealtimeError? error, TimeSpan elapsed)
        {
            Status = status;
            ResponseStatus = responseStatus;
            Transcript = transcript;
            Text = text;
            AudioPath = audioPath;
            AudioDuration = audioDuration;
            Usage = usage;
            ResponseId = responseId;
            Error = error;
            Elapsed = elapsed;
        }

        /// <summary>How the turn ended.</summary>
        public RealtimeTurnStatus Status { get; }

        /// <summary>The status of response.done (completed, failed, cancelled, incomplete); null when refused.</summary>
        public string? ResponseStatus { get; }

        /// <summary>The transcript of a spoken reply.</summary>
        public string? Transcript { get; }

        /// <summary>The text of a text reply.</summary>
        public string? Text { get; }

        /// <summary>The saved reply audio; null without an out-file, without audio, or unless completed.</summary>
        public string? AudioPath { get; }

        /// <summary>The playing time of the reply audio received.</summary>
        public TimeSpan AudioDuration { get; }

        /// <summary>The usage of the response.</summary>
        public RealtimeUsage Usage { get; }

        /// <summary>The response ID.</summary>
        public string? ResponseId { get; }

        /// <summary>The error that refused the response.create.</summary>
        public RealtimeError? Error { get; }

        /// <summary>From sending the input to the end of the turn.</summary>
        public TimeSpan Elapsed { get; }

        internal static RealtimeTurnResult Refused(RealtimeError error, TimeSpan elapsed) =>
            new RealtimeTurnResult(RealtimeTurnStatus.Refused, null, null, null, null, TimeSpan.Zero, RealtimeUsage.None, null, error, elapsed);
    }
}
