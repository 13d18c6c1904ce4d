using System.Text.Json.Nodes;

namespace TokenLab.Emulator.Endpoints.Realtime;

/// <summary>
/// A session's effective configuration: what <c>session.update</c> changes and <c>session.created</c> /
/// <c>session.updated</c> report, in the GA (nested) or beta (flat) shape of the session's dialect.
/// </summary>
internal sealed class RealtimeSessionConfig(string sessionId, string model, RealtimeDialect dialect)
{
    private JsonNode? _turnDetection = new JsonObject
    {
        ["type"] = "server_vad",
        ["threshold"] = 0.5,
        ["prefix_padding_ms"] = 300,
        ["silence_duration_ms"] = 500,
        ["create_response"] = true,
        ["interrupt_response"] = true,
    };

    private JsonNode? _transcription;

    public RealtimeDialect Dialect { get; } = dialect;

    /// <summary>True for audio replies (with a transcript), false for text replies.</summary>
    public bool AudioOutput { get; private set; } = true;

    public string Instructions { get; private set; } = string.Empty;

    public string Voice { get; private set; } = "alloy";

    /// <summary>The input transcription model; null when input audio is not transcribed.</summary>
    public string? TranscriptionModel => _transcription?["model"]?.GetValue<string>();

    /// <summary>Applies a partial update; returns the problem (param, message) or null when it was applied.</summary>
    public (string Param, string Message)? Apply(JsonObject session) =>
        Dialect == RealtimeDialect.Ga ? ApplyGa(session) : ApplyBeta(session);

    /// <summary>Reads a per-response modality override; null when the response does not set one.</summary>
    public (bool? AudioOutput, (string Param, string Message)? Problem) ReadModalities(JsonObject source, string path)
    {
        var name = Dialect == RealtimeDialect.Ga ? "output_modalities" : "modalities";
        return source[name] is null ? (null, null) : ParseModalities(source[name], path + "." + name);
    }

    public JsonObject ToJson() => Dialect == RealtimeDialect.Ga ? GaJson() : BetaJson();

    private (string Param, string Message)? ApplyGa(JsonObject session)
    {
        foreach (var beta in (string[])["modalities", "voice", "input_audio_format", "output_audio_format", "input_audio_transcription", "turn_detection"])
        {
            if (session.ContainsKey(beta))
            {
                return ("session." + beta, $"Unknown parameter: 'session.{beta}'. This session speaks the GA protocol: use the nested audio.input / audio.output shape.");
            }
        }

        if (session["type"]?.GetValue<string>() is not ("realtime" or "transcription"))
        {
            return ("session.type", "Missing required parameter: 'session.type' ('realtime' or 'transcription').");
        }

        if (session["output_modalities"] is { } modalities)
        {
            var (audio, problem) = ParseModalities(modalities, "session.output_modalities");
            if (problem is not null)
            {
                return problem;
            }

            AudioOutput = audio!.Value;
        }

        if (session["instructions"] is { } instructions)
        {
            Instructions = instructions.GetValue<string>();
        }

        var audioNode = session["audio"] as JsonObject;
        if (audioNode?["output"]?["voice"] is { } voice)
        {
            Voice = voice.GetValue<string>();
        }

        if (audioNode?["input"] is JsonObject input)
        {
            if (input.ContainsKey("turn_detection"))
            {
                _turnDetection = input["turn_detection"]?.DeepClone();
            }

            if (input.ContainsKey("transcription"))
            {
                _transcription = input["transcription"]?.DeepClone();
            }
        }

        return null;
    }

    private (string Param, string Message)? ApplyBeta(JsonObject session)
    {
        foreach (var ga in (string[])["output_modalities", "audio"])
        {
            if (session.ContainsKey(ga))
            {
                return ("session." + ga, $"Unknown parameter: 'session.{ga}'. This session speaks the beta protocol: use the flat modalities / voice / input_audio_format shape.");
            }
        }

        if (session["modalities"] is { } modalities)
        {
            var (audio, problem) = ParseModalities(modalities, "session.modalities");
            if (problem is not null)
            {
                return problem;
            }

            AudioOutput = audio!.Value;
        }

        if (session["instructions"] is { } instructions)
        {
            Instructions = instructions.GetValue<string>();
        }

        if (session["voice"] is { } voice)
        {
            Voice = voice.GetValue<string>();
        }

        if (session.ContainsKey("turn_detection"))
        {
            _turnDetection = session["turn_detection"]?.DeepClone();
        }

        if (session.ContainsKey("input_audio_transcription"))
        {
            _transcription = session["input_audio_transcription"]?.DeepClone();
        }

        return null;
    }

    /// <summary>GA allows ["audio"] or ["text"]; beta allows ["text"] or ["text","audio"] (in any order).</summary>
    private (bool? AudioOutput, (string Param, string Message)? Problem) ParseModalities(JsonNode? node, string param)
    {
        var values = (node as JsonArray)?.Select(item => item?.GetValue<string>()).ToList();
        var hasAudio = values?.Contains("audio") == true;
        var hasText = values?.Contains("text") == true;
        var valid = Dialect == RealtimeDialect.Ga
            ? values is { Count: 1 } && (hasAudio || hasText)
            : values is { Count: 1 or 2 } && hasText && values.All(value => value is "text" or "audio");
        return valid
            ? (hasAudio, null)
            : (null, (param, Dialect == RealtimeDialect.Ga
                ? $"Invalid value for '{param}': use [\"audio\"] (audio and its transcript) or [\"text\"]; both at once are not allowed."
                : $"Invalid value for '{param}': use [\"text\"] or [\"text\", \"audio\"]."));
    }

    private JsonObject GaJson() => new()
    {
        ["type"] = "realtime",
        ["object"] = "realtime.session",
        ["id"] = sessionId,
        ["model"] = model,
        ["output_modalities"] = new JsonArray(AudioOutput ? "audio" : "text"),
        ["instructions"] = Instructions,
        ["tool_choice"] = "auto",
        ["tools"] = new JsonArray(),
        ["max_output_tokens"] = "inf",
        ["audio"] = new JsonObject
        {
            ["input"] = new JsonObject
            {
                ["format"] = PcmFormat(),
                ["transcription"] = _transcription?.DeepClone(),
                ["noise_reduction"] = null,
                ["turn_detection"] = _turnDetection?.DeepClone(),
            },
            ["output"] = new JsonObject
            {
                ["format"] = PcmFormat(),
                ["voice"] = Voice,
                ["speed"] = 1.0,
            },
        },
    };

    private JsonObject BetaJson() => new()
    {
        ["object"] = "realtime.session",
        ["id"] = sessionId,
        ["model"] = model,
        ["modalities"] = AudioOutput ? new JsonArray("text", "audio") : new JsonArray("text"),
        ["instructions"] = Instructions,
        ["voice"] = Voice,
        ["input_audio_format"] = "pcm16",
        ["output_audio_format"] = "pcm16",
        ["input_audio_transcription"] = _transcription?.DeepClone(),
        ["turn_detection"] = _turnDetection?.DeepClone(),
        ["tool_choice"] = "auto",
        ["tools"] = new JsonArray(),
        ["temperature"] = 0.8,
        ["max_response_output_tokens"] = "inf",
    };

    private static JsonObject PcmFormat() => new() { ["type"] = "audio/pcm", ["rate"] = 24000 };
}
