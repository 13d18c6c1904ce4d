namespace TokenLab.Client
{
    /// <summary>An accepted asynchronous task ended without a result: it failed, or it was cancelled.</summary>
    public sealed class TokenLabTaskFailedException : TokenLabException
    {
        internal TokenLabTaskFailedException(string taskId, bool cancelled, string? errorCode, string? serverMessage, string? requestId)
            : base(BuildMessage(taskId, cancelled, errorCode, serverMessage, requestId), requestId, null)
        {
            TaskId = taskId;
            Cancelled = cancelled;
            ErrorCode = errorCode;
            ServerMessage = serverMessage;
        }

        /// <summary>The task's ID (<c>ldtask_…</c>), to quote to TokenLab support.</summary>
        public string TaskId { get; }

        /// <summary>True when the task was cancelled rather than failed.</summary>
        public bool Cancelled { get; }

        /// <summary>The task error's code, when it has one.</summary>
        public string? ErrorCode { get; }

        /// <summary>The task error's message, when it has one.</summary>
        public string? ServerMessage { get; }

        private static string BuildMessage(string taskId, bool cancelled, string? errorCode, string? serverMessage, string? requestId) =>
            "The TokenLab task " + taskId + (cancelled ? " was cancelled" : " failed")
            + (errorCode is null && serverMessage is null ? "." : ": " + (errorCode is null ? string.Empty : errorCode + ": ") + (serverMessage ?? string.Empty))
            + (requestId is null ? string.Empty : " (request ID " + requestId + ")");
    }
}
