using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using TokenLab.Client.Json;

namespace TokenLab.Client.Transcription
{
    /// <summary>One poll of <c>GET /v1/tasks/{id}</c>: the status, and the transcript or error once the task has ended.</summary>
    internal sealed class TaskSnapshot
    {
        // Status fields of a task object; a transcript given at its top level does not count them as its own.
        private static readonly HashSet<string> TaskFields = new HashSet<string>(StringComparer.Ordinal)
        {
            "id", "task_id", "object", "status", "poll_url", "model", "created", "updated", "progress", "cancelled", "cancellation_status", "error",
        };

        private TaskSnapshot(string status, bool cancelled, int? percent)
        {
            Status = status;
            Cancelled = cancelled;
            Percent = percent;
        }

        /// <summary>The status in lower case (pending, processing, completed, failed, …).</summary>
        public string Status { get; }

        public bool Cancelled { get; }

        public int? Percent { get; }

        public bool IsCompleted => Status == "completed" || Status == "succeeded" || Status == "success";

        /// <summary>Failed or cancelled (cancelled tasks show as failed with cancelled: true).</summary>
        public bool IsFailed => Cancelled || Status == "failed" || Status == "cancelled" || Status == "canceled" || Status == "error";

        public Transcript? Transcript { get; private set; }

        public string? ErrorCode { get; private set; }

        public string? ErrorMessage { get; private set; }

        public string? BillingTransactionId { get; private set; }

        /// <exception cref="InvalidDataException">No status, or a completed task without a transcript.</exception>
        public static TaskSnapshot Read(JsonElement root, TranscriptFormat requested)
        {
            if (root.GetStringOrNull("status") is not string status)
            {
                throw new InvalidDataException("The task has no status.");
            }

            string normalized = status.Trim().ToLowerInvariant();
            var snapshot = new TaskSnapshot(normalized, root.GetBooleanOrNull("cancelled") == true || normalized == "cancelled" || normalized == "canceled", root.GetInt32OrNull("progress"))
            {
                BillingTransactionId = root.GetStringOrNull("billing_transaction_id"),
            };
            ReadError(root, snapshot);
            if (snapshot.IsCompleted && !snapshot.IsFailed)
            {
                snapshot.Transcript = ReadTranscript(root, requested)
                    ?? throw new InvalidDataException("The task completed but holds no transcript.");
            }

            return snapshot;
        }

        private static void ReadError(JsonElement root, TaskSnapshot snapshot)
        {
            if (root.GetObjectOrNull("error") is JsonElement error)
            {
                snapshot.ErrorCode = error.GetStringOrNull("code") ?? error.GetStringOrNull("type");
                snapshot.ErrorMessage = error.GetStringOrNull("message");
            }
            else
            {
                snapshot.ErrorMessage = root.GetStringOrNull("error");
            }
        }

        /// <summary>The transcript as <c>result</c> (or <c>output</c>): an object, or the text of a text format; else at the top level.</summary>
        private static Transcript? ReadTranscript(JsonElement root, TranscriptFormat requested)
        {
            JsonElement? result = root.GetPropertyOrNull("result") ?? root.GetPropertyOrNull("output");
            TranscriptFormat jsonFormat = TranscriptFormatNames.OfJsonAnswer(requested);
            switch (result?.ValueKind)
            {
                case JsonValueKind.Object:
                    return TranscriptJsonReader.Read(result.Value, jsonFormat);
                case JsonValueKind.String:
                    return TranscriptParser.Parse(result.Value.GetString()!, requested);
                default:
                    return root.GetStringOrNull("text") is null ? null : TranscriptJsonReader.Read(root, jsonFormat, TaskFields);
            }
        }
    }
}
