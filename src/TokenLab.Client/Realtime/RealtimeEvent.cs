using System;
using System.Buffers;
using System.Buffers.Text;
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
        private readonly (int Start, int Length)? audioText;
        private readonly string? parseError;
        private byte[]? audio;
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
            audio = fields.Audio;
            audioText = fields.AudioText;
            Transcript = fields.Transcript;
            Text = fields.Text;
            Error = fields.Error;
            Usage = fields.Usage;
            ResponseStatus = fields.ResponseStatus;
            SessionId = fields.SessionId;
            parseError = fields.ParseError;
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
        public byte[]? Audio => audio ?? DecodeAudio();

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

        /// <summary>Why the message could not be read as an event (not JSON, no type, audio that is not base64); null for a readable event.</summary>
        public string? ParseError => parseError ?? (audioText != null && Audio is null ? "The audio delta is not base64 text." : null);

        /// <summary>The message as received.</summary>
        public string Json => json ??= Encoding.UTF8.GetString(utf8);

        /// <summary>The size of the message in bytes.</summary>
        public int Size => utf8.Length;

        /// <summary>What the event holds in memory, for the session's bound on buffered events.</summary>
        internal long Weight => utf8.Length + (audio?.Length ?? 0);

        // Decoded on first read; racing readers get equal arrays. Null when the text is not base64.
        private byte[]? DecodeAudio()
        {
            if (audioText is null)
            {
                return null;
            }

            (int start, int length) = audioText.Value;
            var decoded = new byte[Base64.GetMaxDecodedFromUtf8Length(length)];
            if (Base64.DecodeFromUtf8(new ReadOnlySpan<byte>(utf8, start, length), decoded, out _, out int written) != OperationStatus.Done)
            {
                return null;
            }

            if (written != decoded.Length)
            {
                Array.Resize(ref decoded, written);
            }

            audio = decoded;
            return decoded;
        }

        /// <inheritdoc />
        public override string ToString() => Type.Length == 0 ? "(unreadable message)" : Type;
    }
}
