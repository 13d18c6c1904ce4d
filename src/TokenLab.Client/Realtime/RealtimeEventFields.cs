namespace TokenLab.Client.Realtime
{
    /// <summary>What <see cref="RealtimeEventParser"/> read from a message: the typed part of a <see cref="RealtimeEvent"/>.</summary>
    internal sealed class RealtimeEventFields
    {
        public string Type { get; set; } = string.Empty;

        /// <summary>The GA name of <see cref="Type"/>, when the parser knew it already; null to look it up.</summary>
        public string? GaType { get; set; }

        public string? EventId { get; set; }

        public string? ResponseId { get; set; }

        public string? ItemId { get; set; }

        public string? Delta { get; set; }

        public byte[]? Audio { get; set; }

        /// <summary>Where the base64 audio of a delta lies in the message, to be decoded when it is first read; set instead of <see cref="Audio"/>.</summary>
        public (int Start, int Length)? AudioText { get; set; }

        public string? Transcript { get; set; }

        public string? Text { get; set; }

        public RealtimeError? Error { get; set; }

        public RealtimeUsage? Usage { get; set; }

        public string? ResponseStatus { get; set; }

        public string? SessionId { get; set; }

        /// <summary>session.created/updated: the session speaks beta (flat shape) rather than GA.</summary>
        public bool? SessionIsBeta { get; set; }

        public string? ParseError { get; set; }

        /// <summary>The message with its unreadable strings repaired (see JsonRepair), which the other fields were read from; null when it needed none.</summary>
        public byte[]? RepairedMessage { get; set; }

        /// <summary>An error event's JSON with the key masked, when the server echoed it; null to show the message as received.</summary>
        public string? RedactedJson { get; set; }
    }
}
