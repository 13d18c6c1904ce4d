namespace TokenLab.Client.Speech
{
    /// <summary>
    /// The body of <c>POST /v1/audio/speech</c>. Only the fields that are set are sent: the API answers
    /// unknown or unsupported fields with 400 <c>unsupported_parameter</c>.
    /// </summary>
    public sealed class SpeechRequest
    {
        /// <summary>The model; the API default is tts-1 (send it anyway: the API never substitutes a model).</summary>
        public string Model { get; set; } = "tts-1";

        /// <summary>The text to speak, at most 4096 characters.</summary>
        public string Input { get; set; } = string.Empty;

        /// <summary>A built-in voice name (alloy, nova, …), sent as <c>"voice": "name"</c>.</summary>
        public string? Voice { get; set; }

        /// <summary>A custom voice ID, sent as <c>"voice": {"id": "…"}</c>; excludes <see cref="Voice"/>.</summary>
        public string? VoiceId { get; set; }

        /// <summary>Speaking instructions, at most 2000 characters, for models that take them.</summary>
        public string? Instructions { get; set; }

        /// <summary>0.25 to 4.0, for models that take it.</summary>
        public double? Speed { get; set; }

        /// <summary>mp3, opus, aac, flac, wav or pcm (what a model offers varies); the API default is mp3.</summary>
        public string? ResponseFormat { get; set; }

        /// <summary>Asks for server-sent events (<c>stream_format=sse</c>); tts-1 and tts-1-hd refuse it.</summary>
        public bool Stream { get; set; }
    }
}
