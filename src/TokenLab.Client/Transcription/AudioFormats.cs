using System;
using System.Collections.Generic;
using System.IO;

namespace TokenLab.Client.Transcription
{
    /// <summary>The audio the transcription routes accept: file extensions, their media types, and the size limit.</summary>
    public static class AudioFormats
    {
        /// <summary>25 MB: the largest file the API accepts (a larger one gets 413 payload_too_large).</summary>
        public const long MaxUploadBytes = 25L * 1024 * 1024;

        private static readonly Dictionary<string, string> MediaTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [".flac"] = "audio/flac",
            [".mp3"] = "audio/mpeg",
            [".mp4"] = "audio/mp4",
            [".mpeg"] = "audio/mpeg",
            [".mpga"] = "audio/mpeg",
            [".m4a"] = "audio/mp4",
            [".ogg"] = "audio/ogg",
            [".wav"] = "audio/wav",
            [".webm"] = "audio/webm",
        };

        /// <summary>The accepted extensions, as the API documents them.</summary>
        public static IReadOnlyList<string> Extensions { get; } = new[] { "flac", "mp3", "mp4", "mpeg", "mpga", "m4a", "ogg", "wav", "webm" };

        /// <summary>True when the API accepts files with <paramref name="fileName"/>'s extension.</summary>
        public static bool IsAccepted(string fileName) => MediaTypes.ContainsKey(Path.GetExtension(fileName) ?? string.Empty);

        /// <summary>The part content type for <paramref name="fileName"/>; application/octet-stream for anything else.</summary>
        public static string MediaTypeOf(string fileName) =>
            MediaTypes.TryGetValue(Path.GetExtension(fileName) ?? string.Empty, out string? type) ? type : "application/octet-stream";
    }
}
