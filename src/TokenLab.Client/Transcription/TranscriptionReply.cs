using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using TokenLab.Client.Http;
using TokenLab.Client.Json;

namespace TokenLab.Client.Transcription
{
    /// <summary>
    /// What an upload answered: the transcript (JSON, or text and subtitles), or an accepted task, told apart
    /// by the absence of <c>text</c> and the presence of <c>id</c>/<c>status</c>.
    /// </summary>
    internal sealed class TranscriptionReply
    {
        private TranscriptionReply(Transcript? transcript, AcceptedTask? task, string? billingTransactionId)
        {
            Transcript = transcript;
            Task = task;
            BillingTransactionId = billingTransactionId;
        }

        public Transcript? Transcript { get; }

        public AcceptedTask? Task { get; }

        public string? BillingTransactionId { get; }

        /// <summary>Reads the answer: JSON when the media type says so, otherwise the text of the requested format.</summary>
        public static Task<TranscriptionReply> ReadAsync(TokenLabHttpResponse response, TranscriptFormat requested)
        {
            string? mediaType = response.Message.Content.Headers.ContentType?.MediaType;
            return mediaType is null || mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0
                ? response.ReadTextAsync(text => new TranscriptionReply(TranscriptParser.Parse(text, requested), null, null))
                : response.ReadJsonAsync(root => FromJson(root, requested));
        }

        /// <exception cref="InvalidDataException">The body is neither a transcript nor a task.</exception>
        private static TranscriptionReply FromJson(JsonElement root, TranscriptFormat requested)
        {
            string? billing = root.GetStringOrNull("billing_transaction_id");
            if (root.GetStringOrNull("text") is not null)
            {
                return new TranscriptionReply(TranscriptJsonReader.Read(root, TranscriptFormatNames.OfJsonAnswer(requested)), null, billing);
            }

            if ((root.GetStringOrNull("id") ?? root.GetStringOrNull("task_id")) is string id && root.GetStringOrNull("status") is string status)
            {
                return new TranscriptionReply(null, new AcceptedTask(id, status, root.GetStringOrNull("poll_url")), billing);
            }

            throw new InvalidDataException("The response has neither a transcript (text) nor an accepted task (id and status).");
        }
    }
}
