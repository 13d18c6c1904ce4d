using System;
using System.Text;

namespace TokenLab.Client.Realtime
{
    /// <summary>
    /// One server event, typed where the protocol is known (GA and beta names alike) and passed through
    /// untouched where it is not: <see cref="Json"/> always holds the message as received.
    /// </summary>
    public sealed class RealtimeEvent
    {
        private readonly byte[] utf8;
        private string? json;

        internal RealtimeEvent(long sequence, DateTimeOffset receivedAt, byte[] utf8, RealtimeEventFields fields)
        {
            Sequence = sequence;
            ReceivedAt = receivedAt;
            this.utf8 = utf8;
            Type = fields.Type;
            GaType = RealtimeEventTypes.ToGaName(fields.Type);
            EventId = fields.EventId;
            ResponseId = fields.ResponseId;
            ItemId = fields.ItemId;
            Delta = fields.Delta;
            Audio = fields.Audio;
            Transcript = fields.Transcript;
            Text = fields.Text;
            Error = fields.Error;
            Usage = fields.Usage;
            ResponseStatus = fields.ResponseStatus;
            SessionId = fields.SessionId;
            ParseError = fields.ParseError;
        }

        /// <summary>1 for the first event the session received, then 2, 3, ….</summary>
        public long Sequence { get; }

        /// <summary>When the event arrived.</summary>
        public DateTimeOffset ReceivedAt { get; }

        /// <summary>The type as received; empty when the message had none (see <see cref="ParseError"/>).</summary>
        public string Type { get; }

        /// <summary>The GA name of the type (response.audio.delta reads response.output_audio.delta); otherwise the type itself.</summary>
        public string GaType { get; }

        /// <summary>event_id.</summary>
        public string? EventId { get; }

        /// <summary>response_id, or response.id for response.created and response.done.</summary>
        public string? ResponseId { get; }

        /// <summary>item_id, or item.id.</summary>
        public string? ItemId { get; }

        /// <summary>The text of a transcript or text delta.</summary>
        public string? Delta { get; }

        /// <summary>The decoded audio of an audio delta: 16-bit PCM, in the session's output format (24 kHz mono by default).</summary>
        public byte[]? Audio { get; }

        /// <summary>The whole transcript: of a response's audio (…audio_transcript.done), or of the user's audio (input transcription).</summary>
        public string? Transcript { get; }

        /// <summary>The whole text of a text response (…text.done).</summary>
        public string? Text { get; }

        /// <summary>The details of an <c>error</c> event.</summary>
        public RealtimeError? Error { get; }

        /// <summary>The usage of response.done.</summary>
        public RealtimeUsage? Usage { get; }

        /// <summary>The status of response.created and response.done: completed, cancelled, failed, incomplete, in_progress.</summary>
        public string? ResponseStatus { get; }

        /// <summary>session.id of session.created and session.updated.</summary>
        public string? SessionId { get; }

        /// <summary>Why the message could not be read as an event (not JSON, or no type); null for a readable event.</summary>
        public string? ParseError { get; }

        /// <summary>The message as received.</summary>
        public string Json => json ??= Encoding.UTF8.GetString(utf8);

        /// <summary>The size of the message in bytes.</summary>
        public int Size => utf8.Length;

        /// <summary>What the event holds in memory, for the session's bound on buffered events.</summary>
        internal long Weight => utf8.Length + (Audio?.Length ?? 0);

        /// <inheritdoc />
        public override string ToString() => Type.Length == 0 ? "(unreadable message)" : Type;
    }
}
