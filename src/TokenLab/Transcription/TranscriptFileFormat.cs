using System;
using System.IO;
using TokenLab.Client.Transcription;

namespace TokenLab.PowerShell.Transcription
{
    /// <summary>The -As formats of a saved transcript: their extensions, and how they are written and read back.</summary>
    internal static class TranscriptFileFormat
    {
        public const string Text = "Text";
        public const string Srt = "Srt";
        public const string Vtt = "Vtt";
        public const string Json = "Json";

        /// <summary>The format a file name's extension implies; Text for anything else.</summary>
        public static string FromFileName(string path) => (Path.GetExtension(path) ?? string.Empty).ToLowerInvariant() switch
        {
            ".srt" => Srt,
            ".vtt" => Vtt,
            ".json" => Json,
            _ => Text,
        };

        public static string Extension(string format) => format switch
        {
            Srt => ".srt",
            Vtt => ".vtt",
            Json => ".json",
            _ => ".txt",
        };

        /// <summary>Subtitles need segment times, which only verbose_json, srt and vtt responses have.</summary>
        public static bool NeedsTimings(string format) => format == Srt || format == Vtt;

        public static string Render(Transcript transcript, string format) => format switch
        {
            Srt => transcript.ToSrt(),
            Vtt => transcript.ToVtt(),
            Json => transcript.ToJson(),
            _ => transcript.Text + "\n",
        };

        /// <summary>Reads a transcript saved in <paramref name="format"/> (a rerun's skipped input).</summary>
        /// <exception cref="InvalidDataException">The file is not valid in that format.</exception>
        public static Transcript Read(string content, string format) => Transcript.Parse(content, format switch
        {
            Srt => TranscriptFormat.Srt,
            Vtt => TranscriptFormat.Vtt,
            Json => TranscriptFormat.VerboseJson,
            _ => TranscriptFormat.Text,
        });

        /// <summary>The canonical spelling of a -As value given in any case.</summary>
        public static string Normalize(string format) =>
            Array.Find(new[] { Text, Srt, Vtt, Json }, known => string.Equals(known, format, StringComparison.OrdinalIgnoreCase)) ?? Text;
    }
}
