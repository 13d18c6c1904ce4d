using System;
using System.Text;
using System.Text.Json;

namespace TokenLab.Client.Realtime
{
    /// <summary>
    /// The fast path of <see cref="RealtimeEventParser"/> for delta events, which are nearly all of a session's
    /// traffic and carry only flat fields: one forward pass of a reader, no document. Anything else, and any
    /// message it cannot read, is left to the full parser (null).
    /// </summary>
    internal static class DeltaParser
    {
        private static readonly byte[] TypeName = Encoding.ASCII.GetBytes("type");
        private static readonly byte[] EventIdName = Encoding.ASCII.GetBytes("event_id");
        private static readonly byte[] ResponseIdName = Encoding.ASCII.GetBytes("response_id");
        private static readonly byte[] ItemIdName = Encoding.ASCII.GetBytes("item_id");
        private static readonly byte[] DeltaName = Encoding.ASCII.GetBytes("delta");

        // The delta types in both dialects, matched on the bytes so the common names cost no string.
        private static readonly (byte[] Utf8, string Type)[] DeltaTypes =
        {
            Name(RealtimeEventTypes.OutputAudioDelta),
            Name(RealtimeEventTypes.OutputAudioTranscriptDelta),
            Name(RealtimeEventTypes.OutputTextDelta),
            Name(RealtimeEventTypes.InputAudioTranscriptionDelta),
            Name("response.audio.delta"),
            Name("response.audio_transcript.delta"),
            Name("response.text.delta"),
        };

        public static RealtimeEventFields? TryParse(byte[] utf8)
        {
            try
            {
                return Read(utf8);
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is FormatException)
            {
                return null;
            }
        }

        private static RealtimeEventFields? Read(byte[] utf8)
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var fields = new RealtimeEventFields();
            string? gaType = null;
            string? pendingDelta = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(TypeName))
                {
                    if (!reader.Read() || KnownDelta(ref reader) is not string type)
                    {
                        return null;
                    }

                    fields.Type = type;
                    gaType = RealtimeEventTypes.ToGaName(type);
                    fields.GaType = gaType;
                }
                else if (reader.ValueTextEquals(EventIdName))
                {
                    fields.EventId = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals(ResponseIdName))
                {
                    fields.ResponseId = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals(ItemIdName))
                {
                    fields.ItemId = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals(DeltaName))
                {
                    if (gaType == RealtimeEventTypes.OutputAudioDelta && AudioAtEnd(utf8, (int)reader.BytesConsumed) is { } audioText)
                    {
                        fields.AudioText = audioText;
                        return fields;
                    }

                    if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                    {
                        return null;
                    }

                    // The type usually comes first. Audio is then left in the message and decoded when first read:
                    // most of a session's bytes are audio, and decoding it here would slow every event down.
                    if (gaType == RealtimeEventTypes.OutputAudioDelta && !reader.ValueIsEscaped)
                    {
                        fields.AudioText = ((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
                    }
                    else
                    {
                        pendingDelta = reader.GetString();
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (gaType is null || reader.TokenType != JsonTokenType.EndObject)
            {
                return null;
            }

            if (gaType == RealtimeEventTypes.OutputAudioDelta)
            {
                fields.Audio = pendingDelta is null ? null : Convert.FromBase64String(pendingDelta);
                return fields.Audio is null && fields.AudioText is null ? null : fields;
            }

            fields.Delta = pendingDelta;
            return fields;
        }

        /// <summary>
        /// The base64 audio value that starts after the "delta" property name at <paramref name="afterName"/>,
        /// when it is the message's last value: as OpenAI and the emulator order the fields. Base64 holds no
        /// quote or backslash, so one vectorised search finds its end instead of a reader walking kilobytes of
        /// audio. Null for any other layout, which the reader then handles.
        /// </summary>
        private static (int Start, int Length)? AudioAtEnd(byte[] utf8, int afterName)
        {
            var rest = new ReadOnlySpan<byte>(utf8, afterName, utf8.Length - afterName);
            int colon = rest.IndexOf((byte)':');
            int open = colon < 0 ? -1 : rest.Slice(colon + 1).IndexOf((byte)'"');
            if (open < 0 || !IsWhitespace(rest.Slice(colon + 1, open)))
            {
                return null;
            }

            int start = colon + 1 + open + 1;
            int length = rest.Slice(start).IndexOfAny((byte)'"', (byte)'\\');
            if (length < 0 || rest[start + length] != '"')
            {
                return null;
            }

            ReadOnlySpan<byte> tail = rest.Slice(start + length + 1);
            int close = tail.IndexOf((byte)'}');
            return close >= 0 && IsWhitespace(tail.Slice(0, close)) && IsWhitespace(tail.Slice(close + 1))
                ? (afterName + start, length)
                : ((int, int)?)null;
        }

        private static bool IsWhitespace(ReadOnlySpan<byte> text)
        {
            foreach (byte b in text)
            {
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The type, when the current string token is one of the delta types; otherwise null.</summary>
        private static string? KnownDelta(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                foreach ((byte[] utf8, string type) in DeltaTypes)
                {
                    if (reader.ValueTextEquals(utf8))
                    {
                        return type;
                    }
                }
            }

            return null;
        }

        private static (byte[], string) Name(string type) => (Encoding.ASCII.GetBytes(type), type);

        private static string? ReadString(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            reader.Skip();
            return null;
        }
    }
}
