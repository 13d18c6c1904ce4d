using System;
using System.Collections.Generic;

namespace TokenLab.Client.Speech
{
    /// <summary>The speech output formats, their file extensions, and which of them can be joined.</summary>
    public static class SpeechFormat
    {
        /// <summary>The API's default format.</summary>
        public const string Default = "mp3";

        /// <summary>pcm is 24 kHz, 16-bit, little-endian mono samples without a header (as OpenAI documents it).</summary>
        public const int PcmSampleRate = 24000;

        private static readonly Dictionary<string, string> FormatByExtension = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [".mp3"] = "mp3",
            [".opus"] = "opus",
            [".ogg"] = "opus",
            [".aac"] = "aac",
            [".flac"] = "flac",
            [".wav"] = "wav",
            [".wave"] = "wav",
            [".pcm"] = "pcm",
            [".raw"] = "pcm",
        };

        /// <summary>mp3, opus, aac, flac, wav, pcm.</summary>
        public static IReadOnlyList<string> All { get; } = new[] { "mp3", "opus", "aac", "flac", "wav", "pcm" };

        /// <summary>The format a file extension (".wav") stands for; null for an extension that names none.</summary>
        public static string? FromExtension(string? extension) =>
            extension is not null && FormatByExtension.TryGetValue(extension, out string? format) ? format : null;

        /// <summary>The usual extension for a format: ".mp3", ".wav", ….</summary>
        public static string Extension(string format) => "." + format.ToLowerInvariant();

        /// <summary>True for the formats whose parts join into one valid file: wav, pcm and mp3.</summary>
        public static bool CanJoin(string format) => format == "wav" || format == "pcm" || format == "mp3";
    }
}
