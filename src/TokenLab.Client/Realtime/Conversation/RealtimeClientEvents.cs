using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace TokenLab.Client.Realtime
{
    /// <summary>
    /// The client events of a conversation, as JSON text for <see cref="RealtimeSession.SendAsync"/>: written by
    /// <see cref="Utf8JsonWriter"/>, never concatenated. Only session.update differs between the GA and beta
    /// dialects (<see cref="RealtimeSessionConfiguration"/>); the others have one shape in both.
    /// </summary>
    public static class RealtimeClientEvents
    {
        /// <summary>session.update with the configuration in the shape <paramref name="dialect"/> speaks.</summary>
        public static string SessionUpdate(RealtimeSessionConfiguration configuration, RealtimeDialect dialect, string? eventId)
        {
            if (configuration is null)
            {
                throw new ArgumentNullException(nameof(configuration));
            }

            return Write("session.update", eventId, writer =>
            {
                writer.WritePropertyName("session");
                configuration.ToSession(dialect).WriteTo(writer);
            });
        }

        /// <summary>conversation.item.create with a user message of <paramref name="text"/>.</summary>
        public static string UserText(string text, string? eventId) => Write("conversation.item.create", eventId, writer =>
        {
            writer.WriteStartObject("item");
            writer.WriteString("type", "message");
            writer.WriteString("role", "user");
            writer.WriteStartArray("content");
            writer.WriteStartObject();
            writer.WriteString("type", "input_text");
            writer.WriteString("text", text ?? throw new ArgumentNullException(nameof(text)));
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        });

        /// <summary>input_audio_buffer.commit: the appended audio becomes a user message.</summary>
        public static string InputAudioCommit(string? eventId) => Write("input_audio_buffer.commit", eventId, null);

        /// <summary>response.create: asks for a response to the conversation so far.</summary>
        public static string ResponseCreate(string? eventId) => Write("response.create", eventId, null);

        /// <summary>response.cancel: stops the response in progress (or <paramref name="responseId"/>).</summary>
        public static string ResponseCancel(string? responseId, string? eventId) => Write("response.cancel", eventId, writer =>
        {
            if (responseId != null)
            {
                writer.WriteString("response_id", responseId);
            }
        });

        /// <summary>input_audio_buffer.append of <paramref name="audio"/> (base64), into <paramref name="writer"/>.</summary>
        internal static void WriteAudioAppend(Utf8JsonWriter writer, ReadOnlySpan<byte> audio)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "input_audio_buffer.append");
            writer.WriteBase64String("audio", audio);
            writer.WriteEndObject();
        }

        private static string Write(string type, string? eventId, Action<Utf8JsonWriter>? body)
        {
            using (var buffer = new MemoryStream())
            {
                using (var writer = new Utf8JsonWriter(buffer))
                {
                    writer.WriteStartObject();
                    writer.WriteString("type", type);
                    if (eventId != null)
                    {
                        writer.WriteString("event_id", eventId);
                    }

                    body?.Invoke(writer);
                    writer.WriteEndObject();
                }

                return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            }
        }
    }
}
