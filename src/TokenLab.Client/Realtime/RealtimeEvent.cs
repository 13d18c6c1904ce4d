using System;
using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace TokenLab.Client.Realtime
{
    /// <summary>
    /// One server event, typed where the protocol is known (GA and beta names alike) and passed through
    /// untouched where it is not: <see cref="Json"/> holds the message as received (a lone surrogate escape or
    /// invalid UTF-8 in it replaced by U+FFFD), except a key a server echoed in an error event, which is masked.
    /// </summary>
    public sealed class RealtimeEvent
    {
        private readonly byte[] utf8;
        private readonly RealtimeEventFields fields;
        private byte[]? audio;
        private string? json;

        internal RealtimeEvent(long sequence, DateTimeOffset receivedAt, byte[] utf8, RealtimeEventFields fields)
        {
            Sequence = sequence;
            ReceivedAt = receivedAt;
            this.utf8 = utf8;
            this.fields = fields;
            audio = fields.Audio;
        }

        /// <summary>1 for the first event the session received, then 2, 3, ….</summary>
        public long Sequence { get; }

        /// <summary>When the event arrived.</summary>
        public DateTimeOffset ReceivedAt { get; }

        /// <summary>The type as received; empty when the message had none (see <see cref="ParseError"/>).</summary>
        public string Type => fields.Type;

        /// <summary>The GA name of the type (response.audio.delta reads response.output_audio.delta); otherwise the type itself.</summary>
        public string GaType => fields.GaType ?? RealtimeEventTypes.ToGaName(fields.Type);

        /// <summary>event_id.</summary>
        public string? EventId => fields.EventId;

        /// <summary>response_id, or response.id for response.created and response.done.</summary>
        public string? ResponseId => fields.ResponseId;

        /// <summary>item_id, or item.id.</summary>
        public string? ItemId => fields.ItemId;

        /// <summary>The text of a transcript or text delta.</summary>
        public string? Delta => fields.Delta;

        /// <summary>The decoded audio of an audio delta: 16-bit PCM, in the session's output format (24 kHz mono by default).</summary>
        public byte[]? Audio => audio ?? DecodeAudio();

        /// <summary>The whole transcript: of a response's audio (…audio_transcript.done), or of the user's audio (input transcription).</summary>
        public string? Transcript => fields.Transcript;

        /// <summary>The whole text of a text response (…text.done).</summary>
        public string? Text => fields.Text;

        /// <summary>The details of an <c>error</c> event.</summary>
        public RealtimeError? Error => fields.Error;

        /// <summary>The usage of response.done.</summary>
        public RealtimeUsage? Usage => fields.Usage;

        /// <summary>The status of response.created and response.done: completed, cancelled, failed, incomplete, in_progress.</summary>
        public string? ResponseStatus => fields.ResponseStatus;

        /// <summary>session.id of session.created and session.updated.</summary>
        public string? SessionId => fields.SessionId;

        /// <summary>Why the message could not be read as an event (not JSON, no type, audio that is not base64); null for a readable event.</summary>
        public string? ParseError => fields.ParseError ?? (fields.AudioText != null && Audio is null ? "The audio delta is not base64 text." : null);

        /// <summary>The message as received; a lone surrogate escape or invalid UTF-8 in it reads U+FFFD, and a key echoed in an error event is masked.</summary>
        public string Json => json ??= fields.RedactedJson ?? Encoding.UTF8.GetString(utf8);

        /// <summary>The size of the message in bytes.</summary>
        public int Size => utf8.Length;

        /// <summary>What the event holds in memory, for the session's bound on buffered events.</summary>
        internal long Weight => utf8.Length + (audio?.Length ?? 0);

        // Decoded on first read; racing readers get equal arrays. Null when the text is not base64.
        private byte[]? DecodeAudio()
        {
            if (fields.AudioText is null)
            {
                return null;
            }

            (int start, int length) = fields.AudioText.Value;
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
