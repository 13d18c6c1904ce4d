using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using TokenLab.Client.Json;

namespace TokenLab.Client.Realtime
{
    /// <summary>
    /// Realtime event names. TokenLab relays the routed model's own events: the OpenAI GA names, or the older
    /// beta names some upstreams still speak. Both are understood; any other type passes through unchanged.
    /// </summary>
    public static class RealtimeEventTypes
    {
        /// <summary>The first server event of a session.</summary>
        public const string SessionCreated = "session.created";

        /// <summary>The answer to session.update, with the full effective session.</summary>
        public const string SessionUpdated = "session.updated";

        /// <summary>A server error; most leave the session open.</summary>
        public const string Error = "error";

        /// <summary>A response has started.</summary>
        public const string ResponseCreated = "response.created";

        /// <summary>A response has finished (completed, cancelled, failed or incomplete), with its usage.</summary>
        public const string ResponseDone = "response.done";

        /// <summary>Base64 audio of a response (beta: response.audio.delta).</summary>
        public const string OutputAudioDelta = "response.output_audio.delta";

        /// <summary>The audio of a response part is complete (beta: response.audio.done).</summary>
        public const string OutputAudioDone = "response.output_audio.done";

        /// <summary>Transcript text of a response's audio (beta: response.audio_transcript.delta).</summary>
        public const string OutputAudioTranscriptDelta = "response.output_audio_transcript.delta";

        /// <summary>The whole transcript of a response's audio (beta: response.audio_transcript.done).</summary>
        public const string OutputAudioTranscriptDone = "response.output_audio_transcript.done";

        /// <summary>Text of a text response (beta: response.text.delta).</summary>
        public const string OutputTextDelta = "response.output_text.delta";

        /// <summary>The whole text of a text response (beta: response.text.done).</summary>
        public const string OutputTextDone = "response.output_text.done";

        /// <summary>Transcript text of the user's input audio, as it is transcribed.</summary>
        public const string InputAudioTranscriptionDelta = "conversation.item.input_audio_transcription.delta";

        /// <summary>The whole transcript of the user's input audio.</summary>
        public const string InputAudioTranscriptionCompleted = "conversation.item.input_audio_transcription.completed";

        private static readonly Dictionary<string, string> GaNamesOfBetaNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["response.audio.delta"] = OutputAudioDelta,
            ["response.audio.done"] = OutputAudioDone,
            ["response.audio_transcript.delta"] = OutputAudioTranscriptDelta,
            ["response.audio_transcript.done"] = OutputAudioTranscriptDone,
            ["response.text.delta"] = OutputTextDelta,
            ["response.text.done"] = OutputTextDone,
        };

        /// <summary>
        /// The server events of a WebSocket session by their GA names (WebRTC-only events left out), then the
        /// beta names: what -Type and -Until of Receive-TokenLabRealtimeEvent offer.
        /// </summary>
        public static IReadOnlyList<string> ServerEventTypes { get; } = new[]
        {
            Error, SessionCreated, SessionUpdated,
            "conversation.item.added", "conversation.item.done", "conversation.item.retrieved",
            InputAudioTranscriptionDelta, InputAudioTranscriptionCompleted,
            "conversation.item.input_audio_transcription.segment", "conversation.item.input_audio_transcription.failed",
            "conversation.item.truncated", "conversation.item.deleted",
            "input_audio_buffer.committed", "input_audio_buffer.cleared", "input_audio_buffer.speech_started",
            "input_audio_buffer.speech_stopped", "input_audio_buffer.timeout_triggered",
            ResponseCreated, ResponseDone, "response.output_item.added", "response.output_item.done",
            "response.content_part.added", "response.content_part.done",
            OutputTextDelta, OutputTextDone, OutputAudioTranscriptDelta, OutputAudioTranscriptDone, OutputAudioDelta, OutputAudioDone,
            "response.function_call_arguments.delta", "response.function_call_arguments.done",
            "response.mcp_call_arguments.delta", "response.mcp_call_arguments.done",
            "response.mcp_call.in_progress", "response.mcp_call.completed", "response.mcp_call.failed",
            "mcp_list_tools.in_progress", "mcp_list_tools.completed", "mcp_list_tools.failed",
            "rate_limits.updated",

            // Beta only: GA has conversation.item.added and no conversation object.
            "conversation.created", "conversation.item.created",
        }.Concat(GaNamesOfBetaNames.Keys).ToArray();

        /// <summary>The <c>type</c> of a client event given as JSON text.</summary>
        /// <exception cref="ArgumentException">The text is empty, not valid JSON, or not an object with a string <c>type</c>.</exception>
        public static string TypeOf(string eventJson)
        {
            if (string.IsNullOrWhiteSpace(eventJson))
            {
                throw new ArgumentException("The event is empty: send a JSON object with a string 'type'.", nameof(eventJson));
            }

            try
            {
                using (JsonDocument document = JsonDocument.Parse(eventJson))
                {
                    if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.GetStringOrNull("type") is string type && type.Length > 0)
                    {
                        return type;
                    }
                }
            }
            catch (JsonException ex)
            {
                throw new ArgumentException("The event is not valid JSON: " + ex.Message, nameof(eventJson), ex);
            }

            throw new ArgumentException("The event needs a string 'type', such as \"response.create\".", nameof(eventJson));
        }

        /// <summary>The GA name of a beta name; any other type unchanged.</summary>
        public static string ToGaName(string type) =>
            type != null && GaNamesOfBetaNames.TryGetValue(type, out string? ga) ? ga : type!;

        /// <summary>True for the beta names that differ from their GA names.</summary>
        public static bool IsBetaName(string type) => type != null && GaNamesOfBetaNames.ContainsKey(type);
    }
}
