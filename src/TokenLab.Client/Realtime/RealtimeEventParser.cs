using System;
using System.Text.Json;
using TokenLab.Client.Json;

namespace TokenLab.Client.Realtime
{
    /// <summary>
    /// Reads the fields a script needs from a server message, for GA and beta names alike. Unknown types keep
    /// only their common fields; a message that is not a JSON object with a type is kept with a parse error.
    /// A string that cannot be read as it came (a lone surrogate escape, invalid UTF-8) is read with U+FFFD
    /// in its place: one bad character must not end the session.
    /// </summary>
    internal static class RealtimeEventParser
    {
        /// <summary>The fields; when the message needed repair, <see cref="RealtimeEventFields.RepairedMessage"/> holds the copy they were read from.</summary>
        /// <param name="utf8">The message.</param>
        /// <param name="redactor">For error events, where a server may echo what it was sent: their fields and JSON.</param>
        public static RealtimeEventFields Parse(byte[] utf8, SecretRedactor redactor)
        {
            try
            {
                return ParseOnce(utf8, redactor);
            }
            catch (InvalidOperationException unreadable)
            {
                byte[]? repaired = JsonRepair.Repair(utf8);
                if (repaired is null)
                {
                    return Unreadable(unreadable);
                }

                try
                {
                    RealtimeEventFields fields = ParseOnce(repaired, redactor);
                    fields.RepairedMessage = repaired;
                    return fields;
                }
                catch (InvalidOperationException stillUnreadable)
                {
                    return Unreadable(stillUnreadable);
                }
            }
        }

        private static RealtimeEventFields ParseOnce(byte[] utf8, SecretRedactor redactor) => DeltaParser.TryParse(utf8) ?? ParseDocument(utf8, redactor);

        private static RealtimeEventFields Unreadable(InvalidOperationException failure) =>
            new RealtimeEventFields { ParseError = "The message could not be read: " + failure.Message };

        private static RealtimeEventFields ParseDocument(byte[] utf8, SecretRedactor redactor)
        {
            var fields = new RealtimeEventFields();
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(utf8);
            }
            catch (JsonException ex)
            {
                fields.ParseError = "The message is not JSON: " + ex.Message;
                return fields;
            }

            using (document)
            {
                JsonElement root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !(root.GetStringOrNull("type") is string type) || type.Length == 0)
                {
                    fields.ParseError = "The message is not a JSON object with a type.";
                    return fields;
                }

                fields.Type = type;
                fields.EventId = root.GetStringOrNull("event_id");
                fields.ResponseId = root.GetStringOrNull("response_id");
                fields.ItemId = root.GetStringOrNull("item_id") ?? root.GetObjectOrNull("item")?.GetStringOrNull("id");
                ReadTypedFields(RealtimeEventTypes.ToGaName(type), root, fields, redactor);
                return fields;
            }
        }

        private static void ReadTypedFields(string gaType, JsonElement root, RealtimeEventFields fields, SecretRedactor redactor)
        {
            switch (gaType)
            {
                case RealtimeEventTypes.OutputAudioDelta:
                    if (root.GetPropertyOrNull("delta") is JsonElement { ValueKind: JsonValueKind.String } audio && audio.TryGetBytesFromBase64(out byte[]? bytes))
                    {
                        fields.Audio = bytes;
                    }
                    else
                    {
                        fields.ParseError = "The audio delta is not base64 text.";
                    }

                    break;
                case RealtimeEventTypes.OutputAudioTranscriptDelta:
                case RealtimeEventTypes.OutputTextDelta:
                case RealtimeEventTypes.InputAudioTranscriptionDelta:
                    fields.Delta = root.GetStringOrNull("delta");
                    break;
                case RealtimeEventTypes.OutputAudioTranscriptDone:
                case RealtimeEventTypes.InputAudioTranscriptionCompleted:
                    fields.Transcript = root.GetStringOrNull("transcript");
                    break;
                case RealtimeEventTypes.OutputTextDone:
                    fields.Text = root.GetStringOrNull("text");
                    break;
                case RealtimeEventTypes.Error:
                    JsonElement error = root.GetObjectOrNull("error") ?? root;
                    fields.Error = new RealtimeError(
                        redactor.RedactOptional(error.GetStringOrNull("type")),
                        redactor.RedactOptional(error.GetStringOrNull("code")),
                        redactor.Redact(error.GetStringOrNull("message") ?? "The server sent an error event without a message."),
                        redactor.RedactOptional(error.GetStringOrNull("param")),
                        redactor.RedactOptional(error.GetStringOrNull("event_id")));
                    string json = root.GetRawText();
                    string redacted = redactor.Redact(json);
                    fields.RedactedJson = redacted == json ? null : redacted;
                    break;
                case RealtimeEventTypes.ResponseCreated:
                case RealtimeEventTypes.ResponseDone:
                    if (root.GetObjectOrNull("response") is JsonElement response)
                    {
                        fields.ResponseId ??= response.GetStringOrNull("id");
                        fields.ResponseStatus = response.GetStringOrNull("status");
                        if (response.GetObjectOrNull("usage") is JsonElement usage)
                        {
                            fields.Usage = RealtimeUsage.FromJson(usage);
                        }
                    }

                    break;
                case RealtimeEventTypes.SessionCreated:
                case RealtimeEventTypes.SessionUpdated:
                    if (root.GetObjectOrNull("session") is JsonElement session)
                    {
                        fields.SessionId = session.GetStringOrNull("id");

                        // GA sessions say type "realtime" (or "transcription") and nest audio settings; beta ones are flat.
                        bool ga = session.GetStringOrNull("type") != null || session.GetPropertyOrNull("output_modalities") != null;
                        bool beta = session.GetPropertyOrNull("modalities") != null || session.GetPropertyOrNull("input_audio_format") != null;
                        fields.SessionIsBeta = beta && !ga ? true : ga ? false : (bool?)null;
                    }

                    break;
            }
        }
    }
}
