using System;
using TokenLab.Client.Realtime;

namespace TokenLab.PowerShell.Output
{
    /// <summary>
    /// One event received in a realtime session. Known types (GA or beta names) are typed: the delta text or
    /// the decoded audio, the transcript, the error, the usage; unknown types pass through with their JSON.
    /// </summary>
    public sealed class TokenLabRealtimeEvent
    {
        private readonly RealtimeEvent received;

        internal TokenLabRealtimeEvent(RealtimeEvent received, string? sessionId)
        {
            this.received = received;
            SessionId = sessionId;
        }

        /// <summary>1 for the session's first event, then 2, 3, ….</summary>
        public long Sequence => received.Sequence;

        /// <summary>The type as the server sent it.</summary>
        public string Type => received.Type;

        /// <summary>The GA name of the type: response.audio.delta reads response.output_audio.delta.</summary>
        public string GaType => received.GaType;

        /// <summary>event_id.</summary>
        public string? EventId => received.EventId;

        /// <summary>The response the event belongs to.</summary>
        public string? ResponseId => received.ResponseId;

        /// <summary>The conversation item the event belongs to.</summary>
        public string? ItemId => received.ItemId;

        /// <summary>The text of a transcript or text delta.</summary>
        public string? Delta => received.Delta;

        /// <summary>The decoded audio of an audio delta: 24 kHz mono 16-bit PCM.</summary>
        public byte[]? AudioBytes => received.Audio;

        /// <summary>The whole transcript of …audio_transcript.done, or of the input audio's transcription.</summary>
        public string? Transcript => received.Transcript;

        /// <summary>The whole text of …text.done.</summary>
        public string? Text => received.Text;

        /// <summary>The details of an error event: Type, Code, Message, Param and ClientEventId.</summary>
        public RealtimeError? Error => received.Error;

        /// <summary>The usage of response.done.</summary>
        public RealtimeUsage? Usage => received.Usage;

        /// <summary>The status of response.created and response.done.</summary>
        public string? ResponseStatus => received.ResponseStatus;

        /// <summary>The session the event came from.</summary>
        public string? SessionId { get; }

        /// <summary>When the event arrived.</summary>
        public DateTimeOffset ReceivedAt => received.ReceivedAt;

        /// <summary>The event as the server sent it.</summary>
        public string Json => received.Json;

        /// <summary>The type and what the event carries: response.output_audio_transcript.delta: "Hello".</summary>
        public override string ToString()
        {
            string detail = DisplayText.EventDetail(this);
            return detail.Length == 0 ? received.ToString() : received + ": " + detail;
        }
    }
}
