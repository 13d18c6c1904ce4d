using System.Globalization;
using System.Text.Json.Nodes;

namespace TokenLab.Emulator.Endpoints.Realtime;

/// <summary>
/// What one <c>response.create</c> will produce. The reply's size follows its text unless the response's
/// <c>metadata</c> asks for more: <c>emulator_audio_ms</c> (reply audio length) and <c>emulator_chunk_ms</c>
/// (audio per delta event) and <c>emulator_pace</c> (<c>realtime</c>: audio at the pace it plays, <c>fast</c>:
/// as fast as the socket takes it; the emulator's <c>--realtime-pace</c> sets the default), so tests and
/// benchmarks can ask for long, finely cut or fast replies.
/// </summary>
internal sealed record RealtimeResponsePlan(bool AudioOutput, string Text, int AudioMs, int ChunkMs, RealtimePace Pace, JsonObject? Metadata)
{
    public const string AudioMsKey = "emulator_audio_ms";
    public const string ChunkMsKey = "emulator_chunk_ms";
    public const string PaceKey = "emulator_pace";

    // Roughly the pace of speech: 50 ms of audio per character of the transcript.
    private const int MillisecondsPerCharacter = 50;
    private const int MinimumAudioMs = 500;

    /// <summary>Reads the plan, or the problem (param, message) with the response's parameters.</summary>
    public static (RealtimeResponsePlan? Plan, (string Param, string Message)? Problem) Read(
        JsonObject? response, RealtimeSessionConfig config, string text, RealtimePace defaultPace)
    {
        var audioOutput = config.AudioOutput;
        var metadata = response?["metadata"] as JsonObject;
        if (response is not null)
        {
            var (modalities, problem) = config.ReadModalities(response, "response");
            if (problem is not null)
            {
                return (null, problem);
            }

            audioOutput = modalities ?? audioOutput;
        }

        var audioMs = Math.Max(MinimumAudioMs, text.Length * MillisecondsPerCharacter);
        if (ReadNumber(metadata, AudioMsKey, 1, RealtimeLimits.MaxReplyAudioMs, out var requestedAudio) is { } audioProblem)
        {
            return (null, audioProblem);
        }

        if (ReadNumber(metadata, ChunkMsKey, RealtimeLimits.MinChunkMs, RealtimeLimits.MaxChunkMs, out var requestedChunk) is { } chunkProblem)
        {
            return (null, chunkProblem);
        }

        RealtimePace? pace = metadata?[PaceKey] switch
        {
            null => defaultPace,
            var node when node.GetValueKind() != System.Text.Json.JsonValueKind.String => null,
            var node => node.GetValue<string>() switch { "realtime" => RealtimePace.Realtime, "fast" => RealtimePace.Fast, _ => null },
        };
        if (pace is null)
        {
            return (null, ("response.metadata." + PaceKey, $"'{PaceKey}' must be 'realtime' or 'fast'."));
        }

        return (new RealtimeResponsePlan(
            audioOutput,
            text,
            requestedAudio ?? audioMs,
            requestedChunk ?? RealtimeLimits.DefaultChunkMs,
            pace.Value,
            metadata?.DeepClone().AsObject()), null);
    }

    // Metadata values are strings in the protocol; numbers are accepted too.
    private static (string Param, string Message)? ReadNumber(JsonObject? metadata, string key, int min, int max, out int? value)
    {
        value = null;
        if (metadata?[key] is not { } node)
        {
            return null;
        }

        var text = node.GetValueKind() == System.Text.Json.JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            return ("response.metadata." + key, $"'{key}' must be a whole number from {min} to {max}.");
        }

        value = parsed;
        return null;
    }
}
