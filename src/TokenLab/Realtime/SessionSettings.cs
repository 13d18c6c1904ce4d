using System.Text.Json.Nodes;
using TokenLab.Client.Realtime;

namespace TokenLab.PowerShell.Realtime
{
    /// <summary>
    /// The session options of Start-TokenLabRealtime, mapped onto one session.update in the shape the
    /// session speaks: GA (nested audio.input / audio.output) or beta (flat). -Session entries merge last,
    /// so anything the switches do not cover can still be set.
    /// </summary>
    internal sealed class SessionSettings
    {
        public string? Instructions { get; set; }

        public string? Voice { get; set; }

        /// <summary>Audio or Text.</summary>
        public string? OutputModality { get; set; }

        /// <summary>None, ServerVad or SemanticVad.</summary>
        public string? TurnDetection { get; set; }

        public string? InputTranscriptionModel { get; set; }

        /// <summary>Entries of -Session, merged into the session object.</summary>
        public JsonObject? Extra { get; set; }

        public bool IsEmpty =>
            Instructions is null && Voice is null && OutputModality is null && TurnDetection is null && InputTranscriptionModel is null && Extra is null;

        /// <summary>The session.update event, with <paramref name="eventId"/> so an error about it can be recognised.</summary>
        public string ToUpdateEvent(RealtimeDialect dialect, string eventId)
        {
            JsonObject session = dialect == RealtimeDialect.Ga ? GaSession() : BetaSession();
            if (Extra != null)
            {
                RealtimeJson.Merge(session, Extra);
            }

            return new JsonObject { ["type"] = "session.update", ["event_id"] = eventId, ["session"] = session }.ToJsonString();
        }

        private JsonObject GaSession()
        {
            var session = new JsonObject { ["type"] = "realtime" };
            AddIfSet(session, "instructions", Instructions);
            if (OutputModality != null)
            {
                session["output_modalities"] = new JsonArray(IsText ? "text" : "audio");
            }

            var input = new JsonObject();
            if (TurnDetection != null)
            {
                input["turn_detection"] = TurnDetectionJson();
            }

            if (InputTranscriptionModel != null)
            {
                input["transcription"] = new JsonObject { ["model"] = InputTranscriptionModel };
            }

            var audio = new JsonObject();
            if (input.Count > 0)
            {
                audio["input"] = input;
            }

            if (Voice != null)
            {
                audio["output"] = new JsonObject { ["voice"] = Voice };
            }

            if (audio.Count > 0)
            {
                session["audio"] = audio;
            }

            return session;
        }

        private JsonObject BetaSession()
        {
            var session = new JsonObject();
            AddIfSet(session, "instructions", Instructions);
            if (OutputModality != null)
            {
                session["modalities"] = IsText ? new JsonArray("text") : new JsonArray("text", "audio");
            }

            AddIfSet(session, "voice", Voice);
            if (TurnDetection != null)
            {
                session["turn_detection"] = TurnDetectionJson();
            }

            if (InputTranscriptionModel != null)
            {
                session["input_audio_transcription"] = new JsonObject { ["model"] = InputTranscriptionModel };
            }

            return session;
        }

        private bool IsText => string.Equals(OutputModality, "Text", System.StringComparison.OrdinalIgnoreCase);

        // null turns detection off: the client commits the audio and asks for the response itself.
        private JsonNode? TurnDetectionJson() => TurnDetection?.ToUpperInvariant() switch
        {
            "SERVERVAD" => new JsonObject { ["type"] = "server_vad" },
            "SEMANTICVAD" => new JsonObject { ["type"] = "semantic_vad" },
            _ => null,
        };

        private static void AddIfSet(JsonObject target, string name, string? value)
        {
            if (value != null)
            {
                target[name] = value;
            }
        }
    }
}
