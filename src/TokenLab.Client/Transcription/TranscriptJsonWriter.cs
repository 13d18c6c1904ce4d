using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TokenLab.Client.Json;

namespace TokenLab.Client.Transcription
{
    /// <summary>
    /// Writes a transcript in the verbose_json shape (indented), unknown fields included, so that
    /// <see cref="TranscriptJsonReader"/> reads it back to the same transcript.
    /// </summary>
    internal static class TranscriptJsonWriter
    {
        private static readonly JsonWriterOptions Options = new JsonWriterOptions
        {
            Indented = true,

            // Transcripts are read by people too: keep accents, quotes and non-Latin scripts as they are.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        public static string Write(Transcript transcript)
        {
            using (var buffer = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(buffer, Options))
                {
                    writer.WriteStartObject();
                    WriteOptionalString(writer, "task", transcript.Task);
                    WriteOptionalString(writer, "language", transcript.Language);
                    if (transcript.Duration is TimeSpan duration)
                    {
                        writer.WriteNumber("duration", Seconds(duration));
                    }

                    writer.WriteString("text", transcript.Text);
                    if (transcript.Segments.Count > 0)
                    {
                        writer.WriteStartArray("segments");
                        foreach (TranscriptSegment segment in transcript.Segments)
                        {
                            WriteSegment(writer, segment);
                        }

                        writer.WriteEndArray();
                    }

                    if (transcript.Words.Count > 0)
                    {
                        writer.WriteStartArray("words");
                        foreach (TranscriptWord word in transcript.Words)
                        {
                            writer.WriteStartObject();
                            writer.WriteString("word", word.Word);
                            writer.WriteNumber("start", Seconds(word.Start));
                            writer.WriteNumber("end", Seconds(word.End));
                            JsonPlainValue.WriteProperties(writer, word.AdditionalFields);
                            writer.WriteEndObject();
                        }

                        writer.WriteEndArray();
                    }

                    JsonPlainValue.WriteProperties(writer, transcript.AdditionalFields);
                    writer.WriteEndObject();
                }

                return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
            }
        }

        private static void WriteSegment(Utf8JsonWriter writer, TranscriptSegment segment)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", segment.Id);
            if (segment.Seek is int seek)
            {
                writer.WriteNumber("seek", seek);
            }

            writer.WriteNumber("start", Seconds(segment.Start));
            writer.WriteNumber("end", Seconds(segment.End));
            writer.WriteString("text", segment.Text);
            if (segment.Tokens.Count > 0)
            {
                writer.WriteStartArray("tokens");
                foreach (long token in segment.Tokens)
                {
                    writer.WriteNumberValue(token);
                }

                writer.WriteEndArray();
            }

            WriteOptionalNumber(writer, "temperature", segment.Temperature);
            WriteOptionalNumber(writer, "avg_logprob", segment.AvgLogprob);
            WriteOptionalNumber(writer, "compression_ratio", segment.CompressionRatio);
            WriteOptionalNumber(writer, "no_speech_prob", segment.NoSpeechProb);
            WriteOptionalString(writer, "speaker", segment.Speaker);
            JsonPlainValue.WriteProperties(writer, segment.AdditionalFields);
            writer.WriteEndObject();
        }

        private static void WriteOptionalString(Utf8JsonWriter writer, string name, string? value)
        {
            if (value is not null)
            {
                writer.WriteString(name, value);
            }
        }

        private static void WriteOptionalNumber(Utf8JsonWriter writer, string name, double? value)
        {
            if (value is double number)
            {
                writer.WriteNumber(name, number);
            }
        }

        private static double Seconds(TimeSpan time) => Math.Round(time.TotalSeconds, 3);
    }
}
