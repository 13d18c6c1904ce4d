namespace TokenLab.PowerShell.Speech
{
    /// <summary>The parameters of one New-TokenLabSpeech input item, as bound (pipeline values vary per item).</summary>
    internal sealed class SpeechParameters
    {
        public string Model { get; set; } = "tts-1";

        public string? Voice { get; set; }

        public string? VoiceId { get; set; }

        public string? Instructions { get; set; }

        public double? Speed { get; set; }

        /// <summary>-Format as given; null when left out.</summary>
        public string? Format { get; set; }

        /// <summary>The format the -OutFile extension names; null without -OutFile or for an unknown extension.</summary>
        public string? OutFileFormat { get; set; }

        public bool Stream { get; set; }

        public bool Split { get; set; }

        public bool AllowSensitiveText { get; set; }
    }
}
