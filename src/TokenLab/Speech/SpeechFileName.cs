using System;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TokenLab.PowerShell.Infrastructure;

namespace TokenLab.PowerShell.Speech
{
    /// <summary>
    /// Names -OutDirectory files after the request, so the same request always maps to the same file and
    /// a saved result is found instead of paid for again: a readable slug of the text, then a hash of
    /// everything that shapes the audio (model, voice, format, speed, instructions, text).
    /// </summary>
    internal static class SpeechFileName
    {
        private const int SlugLength = 40;
        private const int HashCharacters = 16;

        /// <summary>"hello-world-3f2a9c1b7e4d5a60.mp3".</summary>
        public static string For(SpeechItem item)
        {
            string slug = TextSlug.From(item.Text, SlugLength);
            return (slug.Length == 0 ? "speech" : slug) + "-" + RequestHash(item) + Client.Speech.SpeechFormat.Extension(item.Format);
        }

        /// <summary>Hex of SHA-256 over a canonical JSON array of the request's fields (culture- and platform-independent).</summary>
        public static string RequestHash(SpeechItem item)
        {
            using var buffer = new System.IO.MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartArray();
                json.WriteStringValue("tokenlab-speech/1");
                json.WriteStringValue(item.Model);
                json.WriteStringValue(item.Voice);
                json.WriteStringValue(item.VoiceId);
                json.WriteStringValue(item.Format);
                json.WriteStringValue(item.Speed?.ToString("R", CultureInfo.InvariantCulture));
                json.WriteStringValue(item.Instructions);
                json.WriteStringValue(item.Text);
                json.WriteEndArray();
            }

            return NameHash.Hex(buffer.ToArray(), HashCharacters);
        }
    }
}
