namespace TokenLab.Emulator.Endpoints.Realtime;

/// <summary>
/// The event names and session shape a realtime session speaks. OpenAI models speak the GA protocol; other
/// providers (and clients that send <c>OpenAI-Beta: realtime=v1</c>) get the older beta names, as upstreams
/// that clone the OpenAI protocol still do.
/// </summary>
internal enum RealtimeDialect
{
    Ga,
    Beta,
}

/// <summary>Server event names: the GA name, and its beta equivalent where the two differ.</summary>
internal static class RealtimeEventNames
{
    public const string SessionCreated = "session.created";
    public const string SessionUpdated = "session.updated";
    public const string Error = "error";
    public const string InputAudioCommitted = "input_audio_buffer.committed";
    public const string InputAudioCleared = "input_audio_buffer.cleared";
    public const string InputTranscriptionDelta = "conversation.item.input_audio_transcription.delta";
    public const string InputTranscriptionCompleted = "conversation.item.input_audio_transcription.completed";
    public const string SpeechStarted = "input_audio_buffer.speech_started";
    public const string SpeechStopped = "input_audio_buffer.speech_stopped";
    public const string ItemRetrieved = "conversation.item.retrieved";
    public const string ItemDeleted = "conversation.item.deleted";
    public const string ItemTruncated = "conversation.item.truncated";
    public const string RateLimitsUpdated = "rate_limits.updated";
    public const string ItemAdded = "conversation.item.added";
    public const string ItemDone = "conversation.item.done";
    public const string ResponseCreated = "response.created";
    public const string OutputItemAdded = "response.output_item.added";
    public const string OutputItemDone = "response.output_item.done";
    public const string ContentPartAdded = "response.content_part.added";
    public const string ContentPartDone = "response.content_part.done";
    public const string AudioDelta = "response.output_audio.delta";
    public const string AudioDone = "response.output_audio.done";
    public const string TranscriptDelta = "response.output_audio_transcript.delta";
    public const string TranscriptDone = "response.output_audio_transcript.done";
    public const string TextDelta = "response.output_text.delta";
    public const string TextDone = "response.output_text.done";
    public const string ResponseDone = "response.done";

    private static readonly Dictionary<string, string> BetaNames = new(StringComparer.Ordinal)
    {
        [AudioDelta] = "response.audio.delta",
        [AudioDone] = "response.audio.done",
        [TranscriptDelta] = "response.audio_transcript.delta",
        [TranscriptDone] = "response.audio_transcript.done",
        [TextDelta] = "response.text.delta",
        [TextDone] = "response.text.done",
        [ItemAdded] = "conversation.item.created",
    };

    /// <summary>The name <paramref name="gaName"/> has in <paramref name="dialect"/>.</summary>
    public static string In(RealtimeDialect dialect, string gaName) =>
        dialect == RealtimeDialect.Beta && BetaNames.TryGetValue(gaName, out var beta) ? beta : gaName;

    /// <summary>Beta sessions have no separate "item done" event; GA sends one after each item is added.</summary>
    public static bool Exists(RealtimeDialect dialect, string gaName) => dialect == RealtimeDialect.Ga || gaName != ItemDone;
}
