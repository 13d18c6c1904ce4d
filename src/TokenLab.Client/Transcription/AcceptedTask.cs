namespace TokenLab.Client.Transcription
{
    /// <summary>An asynchronous task the service accepted instead of answering with the transcript.</summary>
    internal sealed class AcceptedTask
    {
        public AcceptedTask(string id, string? status, string? pollUrl)
        {
            Id = id;
            Status = status;
            PollUrl = pollUrl;
        }

        public string Id { get; }

        public string? Status { get; }

        /// <summary>Where to poll, usually a path such as <c>/v1/tasks/ldtask_…</c>.</summary>
        public string? PollUrl { get; }
    }
}
