using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using TokenLab.Client.Json;

namespace TokenLab.Client.Transcription
{
    /// <summary>
    /// Reads a json or verbose_json transcript. Every field is optional except <c>text</c>; fields it does
    /// not model are kept as plain values on the transcript, its segments and its words.
    /// </summary>
    internal static class TranscriptJsonReader
    {
        // billing_transaction_id is response metadata, read into ResponseMetadata instead.
        private static readonly HashSet<string> TranscriptFields = new HashSet<string>(StringComparer.Ordinal)
        {
            "text", "task", "language", "duration", "segments", "words", "billing_transaction_id",
        };

        private static readonly HashSet<string> SegmentFields = new HashSet<string>(StringComparer.Ordinal)
        {
            "id", "start", "end", "text", "seek", "tokens", "temperature", "avg_logprob", "compression_ratio", "no_speech_prob", "speaker",
        };

        private static readonly HashSet<string> WordFields = new HashSet<string>(StringComparer.Ordinal) { "word", "start", "end" };

        /// <exception cref="InvalidDataException">The JSON is not an object with a string <c>text</c>.</exception>
        public static Transcript Read(JsonElement root, TranscriptFormat format) => Read(root, format, TranscriptFields);

        /// <summary>Reads a transcript whose object also holds fields that are not the transcript's (a task's status fields).</summary>
        public static Transcript Read(JsonElement root, TranscriptFormat format, ICollection<string> notAdditional)
        {
            if (root.ValueKind != JsonValueKind.Object || root.GetStringOrNull("text") is not string text)
            {
                throw new InvalidDataException("The transcript JSON has no text.");
            }

            var segments = new List<TranscriptSegment>();
            if (root.GetArrayOrNull("segments") is JsonElement segmentArray)
            {
                foreach (JsonElement item in segmentArray.EnumerateArray())
                {
                    segments.Add(ReadSegment(item, segments.Count));
                }
            }

            var words = new List<TranscriptWord>();
            if (root.GetArrayOrNull("words") is JsonElement wordArray)
            {
                foreach (JsonElement item in wordArray.EnumerateArray())
                {
                    words.Add(new TranscriptWord(item.GetStringOrNull("word") ?? string.Empty, Seconds(item, "start"), Seconds(item, "end"))
                    {
                        AdditionalFields = JsonPlainValue.Unknown(item, WordFields),
                    });
                }
            }

            return new Transcript(text.Trim(), segments, words)
            {
                Task = root.GetStringOrNull("task"),
                Language = root.GetStringOrNull("language"),
                Duration = root.GetDoubleOrNull("duration") is double duration ? FromSeconds(duration) : (TimeSpan?)null,
                Format = format,
                AdditionalFields = JsonPlainValue.Unknown(root, MergeKnown(notAdditional)),
            };
        }

        private static TranscriptSegment ReadSegment(JsonElement item, int index)
        {
            var tokens = new List<long>();
            if (item.GetArrayOrNull("tokens") is JsonElement tokenArray)
            {
                foreach (JsonElement token in tokenArray.EnumerateArray())
                {
                    if (token.ValueKind == JsonValueKind.Number && token.TryGetInt64(out long value))
                    {
                        tokens.Add(value);
                    }
                }
            }

            return new TranscriptSegment(item.GetInt32OrNull("id") ?? index, Seconds(item, "start"), Seconds(item, "end"), (item.GetStringOrNull("text") ?? string.Empty).Trim())
            {
                Seek = item.GetInt32OrNull("seek"),
                Tokens = tokens,
                Temperature = item.GetDoubleOrNull("temperature"),
                AvgLogprob = item.GetDoubleOrNull("avg_logprob"),
                CompressionRatio = item.GetDoubleOrNull("compression_ratio"),
                NoSpeechProb = item.GetDoubleOrNull("no_speech_prob"),
                Speaker = item.GetStringOrNull("speaker"),
                AdditionalFields = JsonPlainValue.Unknown(item, SegmentFields),
            };
        }

        private static ICollection<string> MergeKnown(ICollection<string> notAdditional)
        {
            if (ReferenceEquals(notAdditional, TranscriptFields))
            {
                return TranscriptFields;
            }

            var known = new HashSet<string>(TranscriptFields, StringComparer.Ordinal);
            known.UnionWith(notAdditional);
            return known;
        }

        private static TimeSpan Seconds(JsonElement item, string name) => FromSeconds(item.GetDoubleOrNull(name) ?? 0);

        /// <summary>Whole ticks, rounded, so 2.52 s stays 2.52 s (TimeSpan.FromSeconds rounds to milliseconds on .NET Framework).</summary>
        internal static TimeSpan FromSeconds(double seconds) => TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
    }
}
