namespace TokenLab.Client.Transcription
{
    /// <summary>The response formats of the transcription and translation routes.</summary>
    public enum TranscriptFormat
    {
        /// <summary><c>json</c>: the text only.</summary>
        Json,

        /// <summary><c>text</c>: the text as plain text.</summary>
        Text,

        /// <summary><c>srt</c>: SubRip subtitles.</summary>
        Srt,

        /// <summary><c>verbose_json</c>: text, language, duration, segments and (on request) words.</summary>
        VerboseJson,

        /// <summary><c>vtt</c>: WebVTT subtitles.</summary>
        Vtt,
    }
}
