namespace TokenLab.Client.Speech
{
    /// <summary>What a speech call delivered (the audio itself went to the caller's writer).</summary>
    public sealed class SpeechResult
    {
        internal SpeechResult(string? contentType, long audioBytes, bool streamed, SpeechUsage? usage)
        {
            ContentType = contentType;
            AudioBytes = audioBytes;
            Streamed = streamed;
            Usage = usage;
        }

        /// <summary>The response's media type (audio/mpeg, audio/wav, text/event-stream, …).</summary>
        public string? ContentType { get; }

        /// <summary>Audio bytes delivered to the writer (decoded from the events when streamed).</summary>
        public long AudioBytes { get; }

        /// <summary>True when the audio came as server-sent events.</summary>
        public bool Streamed { get; }

        /// <summary>Usage from the <c>speech.audio.done</c> event; null for a plain audio response.</summary>
        public SpeechUsage? Usage { get; }
    }
}
