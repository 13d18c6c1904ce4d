using System;
using System.IO;
using System.Text.Json;

namespace TokenLab.Client.Speech
{
    /// <summary>Writes a <see cref="SpeechRequest"/> as the JSON body, with only the fields that are set.</summary>
    internal static class SpeechRequestJson
    {
        public static byte[] Serialize(SpeechRequest request)
        {
            if (request.Voice is not null && request.VoiceId is not null)
            {
                throw new ArgumentException("Give a voice name or a voice ID, not both.", nameof(request));
            }

            using (var buffer = new MemoryStream())
            {
                using (var json = new Utf8JsonWriter(buffer))
                {
                    json.WriteStartObject();
                    json.WriteString("model", request.Model);
                    json.WriteString("input", request.Input);
                    if (request.VoiceId is not null)
                    {
                        json.WriteStartObject("voice");
                        json.WriteString("id", request.VoiceId);
                        json.WriteEndObject();
                    }
                    else if (request.Voice is not null)
                    {
                        json.WriteString("voice", request.Voice);
                    }

                    WriteIfSet(json, "instructions", request.Instructions);
                    WriteIfSet(json, "response_format", request.ResponseFormat);
                    if (request.Speed is double speed)
                    {
                        json.WriteNumber("speed", speed);
                    }

                    if (request.Stream)
                    {
                        json.WriteString("stream_format", "sse");
                    }

                    json.WriteEndObject();
                }

                return buffer.ToArray();
            }
        }

        private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
        {
            if (value is not null)
            {
                json.WriteString(name, value);
            }
        }
    }
}
