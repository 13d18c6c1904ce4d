using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
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

        /// <exception cref="InvalidDataException">The body is neither a transcript nor a task.</exception>
        public static async Task<TranscriptionReply> ReadAsync(Stream body, string? mediaType, TranscriptFormat requested, CancellationToken cancellationToken)
        {
            if (mediaType is null || mediaType.IndexOf("json", System.StringComparison.OrdinalIgnoreCase) < 0)
            {
                using (var reader = new StreamReader(body, Encoding.UTF8))
                {
                    return new TranscriptionReply(TranscriptParser.Parse(await reader.ReadToEndAsync().ConfigureAwait(false), requested), null, null);
                }
            }

            using (JsonDocument document = await JsonDocument.ParseAsync(body, default, cancellationToken).ConfigureAwait(false))
            {
                JsonElement root = document.RootElement;
                string? billing = root.GetStringOrNull("billing_transaction_id");
                if (root.GetStringOrNull("text") is not null)
                {
                    TranscriptFormat format = requested == TranscriptFormat.VerboseJson ? requested : TranscriptFormat.Json;
                    return new TranscriptionReply(TranscriptJsonReader.Read(root, format), null, billing);
                }

                if ((root.GetStringOrNull("id") ?? root.GetStringOrNull("task_id")) is string id && root.GetStringOrNull("status") is string status)
                {
                    return new TranscriptionReply(null, new AcceptedTask(id, status, root.GetStringOrNull("poll_url")), billing);
                }

                throw new InvalidDataException("The response has neither a transcript (text) nor an accepted task (id and status).");
            }
        }
    }
}
