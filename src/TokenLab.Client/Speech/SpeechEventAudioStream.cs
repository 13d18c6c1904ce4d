using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client.IO;
using TokenLab.Client.Json;
using TokenLab.Client.Sse;

namespace TokenLab.Client.Speech
{
    /// <summary>
    /// The audio inside a <c>stream_format=sse</c> response, as a read-only stream: the base64 audio of
    /// each <c>speech.audio.delta</c> event in turn. <c>speech.audio.done</c> ends it and gives the usage;
    /// other event types are ignored (TokenLab does not document the names, so more may appear).
    /// </summary>
    internal sealed class SpeechEventAudioStream : ForwardReadStream
    {
        private const string DeltaEvent = "speech.audio.delta";
        private const string DoneEvent = "speech.audio.done";
        private const string ErrorEvent = "error";

        private readonly ServerSentEventReader events;
        private readonly SecretRedactor redactor;
        private byte[] pending = Array.Empty<byte>();
        private int pendingOffset;

        /// <param name="body">The event stream.</param>
        /// <param name="redactor">For the text of an error event, where a server may echo the key.</param>
        public SpeechEventAudioStream(Stream body, SecretRedactor redactor)
        {
            events = new ServerSentEventReader(body);
            this.redactor = redactor;
        }

        /// <summary>True once <c>speech.audio.done</c> arrived; a stream that ends without it was cut off.</summary>
        public bool Completed { get; private set; }

        public SpeechUsage? Usage { get; private set; }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            while (pendingOffset == pending.Length)
            {
                if (Completed)
                {
                    return 0;
                }

                ServerSentEvent? next = await events.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (next is null)
                {
                    throw new InvalidDataException("The speech event stream ended before its " + DoneEvent + " event.");
                }

                Handle(next);
            }

            int copied = Math.Min(count, pending.Length - pendingOffset);
            Buffer.BlockCopy(pending, pendingOffset, buffer, offset, copied);
            pendingOffset += copied;
            return copied;
        }


        private void Handle(ServerSentEvent next)
        {
            if (next.Data.Length == 0 || next.Data == "[DONE]")
            {
                return;
            }

            JsonBody.Parse(next.Data, root =>
            {
                Apply(root, next);
                return true;
            });
        }

        private void Apply(JsonElement root, ServerSentEvent next)
        {
            switch (root.GetStringOrNull("type") ?? next.Name)
            {
                case DeltaEvent:
                    pending = DecodeAudio(root.GetStringOrNull("audio"));
                    pendingOffset = 0;
                    break;
                case DoneEvent:
                    Completed = true;
                    JsonElement? usage = root.GetObjectOrNull("usage");
                    Usage = usage is JsonElement u
                        ? new SpeechUsage(u.GetInt32OrNull("input_tokens"), u.GetInt32OrNull("output_tokens"), u.GetInt32OrNull("total_tokens"))
                        : null;
                    break;
                case ErrorEvent:
                    string? message = root.GetObjectOrNull("error")?.GetStringOrNull("message") ?? root.GetStringOrNull("message");
                    throw new InvalidDataException(redactor.Redact("The speech stream reported an error: " + (message ?? next.Data)));
            }
        }

        private static byte[] DecodeAudio(string? base64)
        {
            try
            {
                return Convert.FromBase64String(base64 ?? string.Empty);
            }
            catch (FormatException ex)
            {
                throw new InvalidDataException("A " + DeltaEvent + " event carries audio that is not base64.", ex);
            }
        }
    }
}
