using System;

namespace TokenLab.Client.Transcription
{
    /// <summary>The wire names of <see cref="TranscriptFormat"/> (<c>verbose_json</c>, …).</summary>
    public static class TranscriptFormatNames
    {
        /// <summary>The value sent as <c>response_format</c>.</summary>
        public static string ToWireName(this TranscriptFormat format) => format switch
        {
            TranscriptFormat.Json => "json",
            TranscriptFormat.Text => "text",
            TranscriptFormat.Srt => "srt",
            TranscriptFormat.VerboseJson => "verbose_json",
            TranscriptFormat.Vtt => "vtt",
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };

        /// <summary>Parses a wire name, case-insensitively.</summary>
        /// <exception cref="ArgumentException">Not one of json, text, srt, verbose_json, vtt.</exception>
        public static TranscriptFormat Parse(string name)
        {
            foreach (TranscriptFormat format in new[] { TranscriptFormat.Json, TranscriptFormat.Text, TranscriptFormat.Srt, TranscriptFormat.VerboseJson, TranscriptFormat.Vtt })
            {
                if (string.Equals(format.ToWireName(), name, StringComparison.OrdinalIgnoreCase))
                {
                    return format;
                }
            }

            throw new ArgumentException("'" + name + "' is not a transcript format: use json, text, srt, verbose_json or vtt.", nameof(name));
        }

        /// <summary>
        /// The format of a JSON answer with a <c>text</c> to a request for <paramref name="requested"/>: verbose_json
        /// and text are what was asked for and received (the text is all a text request wants); anything else is json.
        /// </summary>
        internal static TranscriptFormat OfJsonAnswer(TranscriptFormat requested) =>
            requested == TranscriptFormat.VerboseJson || requested == TranscriptFormat.Text ? requested : TranscriptFormat.Json;

        /// <summary>True for the formats that carry segment times.</summary>
        public static bool HasTimings(this TranscriptFormat format) =>
            format == TranscriptFormat.VerboseJson || format == TranscriptFormat.Srt || format == TranscriptFormat.Vtt;
    }
}
