using System;
using System.Collections.Generic;
using System.Management.Automation;
using TokenLab.Client;
using TokenLab.Client.Realtime;
using TokenLab.PowerShell.Infrastructure;

namespace TokenLab.PowerShell.Errors
{
    /// <summary>The error records of realtime sessions: server error events, closed sessions, unusable input.</summary>
    internal static class RealtimeErrorRecords
    {
        private const string NewSessionAction = "Start a new session with Start-TokenLabRealtime: the module never reconnects on its own.";

        /// <summary>A server <c>error</c> event, non-terminating: the protocol keeps the session open.</summary>
        public static ErrorRecord FromErrorEvent(RealtimeError error, string? sessionId, object? target) => ErrorRecordFactory.Create(
            new RealtimeEventException(error, sessionId),
            ErrorIds.RealtimeError,
            error.Type switch
            {
                "invalid_request_error" => ErrorCategory.InvalidArgument,
                "rate_limit_exceeded" => ErrorCategory.LimitsExceeded,
                "server_error" => ErrorCategory.ResourceUnavailable,
                _ => ErrorCategory.InvalidOperation,
            },
            target,
            error.ClientEventId is null
                ? "The session is still open: fix the event and send it again."
                : "The session is still open: fix the event " + error.ClientEventId + " and send it again.");

        public static ErrorRecord SessionClosed(TokenLabRealtimeClosedException closed, object? target) =>
            closed.Reason == RealtimeCloseReason.ConnectionLost
                ? ErrorRecordFactory.Create(closed, ErrorIds.RealtimeConnectionLost, ErrorCategory.ConnectionError, target,
                    "Check the network and the proxy; " + NewSessionAction)
                : ErrorRecordFactory.Create(closed, ErrorIds.RealtimeSessionClosed, ErrorCategory.ResourceUnavailable, target, NewSessionAction);

        /// <summary>The closed state of a session, as the error it is when something still needed it.</summary>
        public static ErrorRecord SessionClosed(RealtimeSession session, object? target) => SessionClosed(ClosedError(session), target);

        public static TokenLabRealtimeClosedException ClosedError(RealtimeSession session) =>
            new TokenLabRealtimeClosedException(session.CloseReason ?? RealtimeCloseReason.ClosedByClient, session.CloseStatus, session.CloseDescription, session.RequestId);

        public static ErrorRecord NotSupported(string model, IReadOnlyList<string> realtimeModels) => ErrorRecordFactory.Create(
            new ArgumentException("The model '" + model + "' does not declare the /v1/realtime WebSocket in its details, so it cannot open a realtime session."
                + (realtimeModels.Count == 0 ? string.Empty : " Realtime models in the catalog: " + string.Join(", ", realtimeModels) + ".")),
            ErrorIds.RealtimeNotSupported,
            ErrorCategory.InvalidArgument,
            model,
            "Choose a realtime model (Get-TokenLabModel -Realtime lists them), or add -SkipModelCheck if you know the model takes realtime sessions.");

        public static ErrorRecord ResponseFailed(string status, string? responseId, object? target) => ErrorRecordFactory.Create(
            new InvalidOperationException("The realtime response " + (responseId ?? string.Empty) + " ended " + status + " instead of completed."),
            ErrorIds.RealtimeResponseFailed,
            ErrorCategory.InvalidResult,
            target,
            "Read the response.done event (Receive-TokenLabRealtimeEvent -Type response.done) for its status_details.");

        /// <summary>Null when <paramref name="text"/> holds nothing secret-shaped; otherwise the error, whose target has the findings removed.</summary>
        public static ErrorRecord? SensitiveText(string? text, string what) =>
            SensitiveTextGuard.Check(text, what, "which would go to the model's provider and may be kept in its logs",
                "Remove the secret, or add -AllowSensitiveText if it is not one.") is TokenLabInputException secret
                ? ErrorRecordFactory.FromException(secret, secret.SafeTarget)
                : null;

        public static ErrorRecord InvalidEvent(Exception problem, object? target) => ErrorRecordFactory.Create(
            problem, ErrorIds.InvalidRealtimeEvent, ErrorCategory.InvalidArgument, target,
            "Send a hashtable, an object or JSON text with a string 'type', such as @{ type = 'response.create' }.");

        public static ErrorRecord UnsupportedAudio(string message, object? target) => ErrorRecordFactory.Create(
            new System.IO.InvalidDataException(message), ErrorIds.AudioFormatNotSupported, ErrorCategory.InvalidData, target,
            "Convert it to a WAV file first, for example: ffmpeg -i <input> -ar 24000 -ac 1 -c:a pcm_s16le <output>.wav (raw PCM takes -SampleRate and -Channels).");
    }
}
