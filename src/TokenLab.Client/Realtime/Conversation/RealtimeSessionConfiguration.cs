using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace TokenLab.Client.Realtime
{
    /// <summary>What a realtime session replies with.</summary>
    public enum RealtimeOutputModality
    {
        /// <summary>Spoken replies, with a transcript.</summary>
        Audio,

        /// <summary>Text replies.</summary>
        Text,
    }

    /// <summary>How the server finds the end of the user's turn in input audio.</summary>
    public enum RealtimeTurnDetection
    {
        /// <summary>Off: the client commits the audio and asks for the response itself.</summary>
        None,

        /// <summary>Voice activity detection by silence.</summary>
        ServerVad,

        /// <summary>Voice activity detection by what was said.</summary>
        SemanticVad,
    }

    /// <summary>
    /// The settings of a realtime session, applied as one session.update in the shape the session speaks: GA
    /// (type, output_modalities, nested audio.input / audio.output) or beta (flat: modalities, voice,
    /// turn_detection, input_audio_transcription). <see cref="Extra"/> merges last, so anything not covered
    /// here can still be set. Unset properties are left as the server has them.
    /// </summary>
    public sealed class RealtimeSessionConfiguration
    {
        /// <summary>The ID of the session.update <see cref="ApplyAsync"/> sends, so an error about it can be told apart.</summary>
        public const string UpdateEventId = "tl_session_update";

        /// <summary>The system instructions.</summary>
        public string? Instructions { get; set; }

        /// <summary>The voice of spoken replies.</summary>
        public string? Voice { get; set; }

        /// <summary>Audio (with a transcript) or text replies.</summary>
        public RealtimeOutputModality? OutputModality { get; set; }

        /// <summary>How the end of a spoken turn is found.</summary>
        public RealtimeTurnDetection? TurnDetection { get; set; }

        /// <summary>Transcribes the input audio with this model.</summary>
        public string? InputTranscriptionModel { get; set; }

        /// <summary>Any other session fields, merged into the session object last (objects key by key).</summary>
        public JsonObject? Extra { get; set; }

        /// <summary>True when nothing is set: no session.update is needed.</summary>
        public bool IsEmpty =>
            Instructions is null && Voice is null && OutputModality is null && TurnDetection is null && InputTranscriptionModel is null && Extra is null;

        /// <summary>Copies <paramref name="source"/> into <paramref name="target"/>: objects merge key by key, anything else replaces.</summary>
        public static void Merge(JsonObject target, JsonObject source)
        {
            if (target is null || source is null)
            {
                throw new ArgumentNullException(target is null ? nameof(target) : nameof(source));
            }

            foreach (KeyValuePair<string, JsonNode?> property in source)
            {
                if (property.Value is JsonObject sourceChild && target[property.Key] is JsonObject targetChild)
                {
                    Merge(targetChild, sourceChild);
                }
                else
                {
                    target[property.Key] = property.Value?.DeepClone();
                }
            }
        }

        /// <summary>
        /// Waits for session.created (up to <paramref name="timeout"/>), then, unless nothing is set, sends the
        /// settings as one session.update and waits for session.updated or the error about it.
        /// </summary>
        /// <returns>Whether session.created arrived in time, and the server's error when it refused the update.</returns>
        /// <exception cref="TimeoutException">The session.update was not answered within <paramref name="timeout"/>.</exception>
        /// <exception cref="TokenLabRealtimeClosedException">The session closed.</exception>
        public async Task<RealtimeSetupResult> ApplyAsync(RealtimeSession session, TimeSpan timeout, Action<string>? trace, CancellationToken cancellationToken)
        {
            if (session is null)
            {
                throw new ArgumentNullException(nameof(session));
            }

            bool created = await WaitUntilCreatedAsync(session, timeout, cancellationToken).ConfigureAwait(false);
            if (IsEmpty)
            {
                return new RealtimeSetupResult(created, null);
            }

            // A timeout of its own: a session.created that never came must not use up the update's time.
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                limit.CancelAfter(timeout);
                Task<RealtimeEvent> answer = session.WaitForEventAsync(
                    e => e.GaType == RealtimeEventTypes.SessionUpdated || (e.GaType == RealtimeEventTypes.Error && e.Error?.ClientEventId == UpdateEventId),
                    limit.Token);
                try
                {
                    string type = await session.SendAsync(RealtimeClientEvents.SessionUpdate(this, session.Dialect, UpdateEventId), limit.Token).ConfigureAwait(false);
                    trace?.Invoke("Sent " + type + " (" + UpdateEventId + ")");
                    RealtimeEvent reply = await answer.ConfigureAwait(false);
                    trace?.Invoke("Received " + reply.Type);
                    return new RealtimeSetupResult(created, reply.Error);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException("The session.update was not answered within " + RealtimeTurnRunner.Seconds(timeout) + " seconds.", ex);
                }
            }
        }

        private static async Task<bool> WaitUntilCreatedAsync(RealtimeSession session, TimeSpan timeout, CancellationToken cancellationToken)
        {
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                limit.CancelAfter(timeout);
                try
                {
                    await session.WaitUntilCreatedAsync(limit.Token).ConfigureAwait(false);
                    return true;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return false;
                }
            }
        }

        /// <summary>The session object of session.update in the shape <paramref name="dialect"/> speaks.</summary>
        internal JsonObject ToSession(RealtimeDialect dialect)
        {
            JsonObject session = dialect == RealtimeDialect.Ga ? GaSession() : BetaSession();
            if (Extra != null)
            {
                Merge(session, Extra);
            }

            return session;
        }

        private JsonObject GaSession()
        {
            var session = new JsonObject { ["type"] = "realtime" };
            AddIfSet(session, "instructions", Instructions);
            if (OutputModality is RealtimeOutputModality modality)
            {
                session["output_modalities"] = new JsonArray(modality == RealtimeOutputModality.Text ? "text" : "audio");
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
            if (OutputModality is RealtimeOutputModality modality)
            {
                session["modalities"] = modality == RealtimeOutputModality.Text ? new JsonArray("text") : new JsonArray("text", "audio");
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

        // null turns detection off: the client commits the audio and asks for the response itself.
        private JsonNode? TurnDetectionJson() => TurnDetection switch
        {
            RealtimeTurnDetection.ServerVad => new JsonObject { ["type"] = "server_vad" },
            RealtimeTurnDetection.SemanticVad => new JsonObject { ["type"] = "semantic_vad" },
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

    /// <summary>What applying a <see cref="RealtimeSessionConfiguration"/> found.</summary>
    public sealed class RealtimeSetupResult
    {
        internal RealtimeSetupResult(bool created, RealtimeError? rejected)
        {
            Created = created;
            Rejected = rejected;
        }

        /// <summary>False when session.created did not arrive in time (the session is open without a session ID).</summary>
        public bool Created { get; }

        /// <summary>The server's error about the session.update; null when it was applied (or none was needed).</summary>
        public RealtimeError? Rejected { get; }
    }
}
