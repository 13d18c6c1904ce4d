using System.Text.Json.Nodes;

namespace TokenLab.Emulator.Endpoints.Realtime;

/// <summary>
/// A session's effective configuration: what <c>session.update</c> changes and <c>session.created</c> /
/// <c>session.updated</c> report, in the GA (nested) or beta (flat) shape of the session's dialect. A
/// transcription session (GA <c>session.type: "transcription"</c>, or a beta session opened with
/// <c>intent=transcription</c>) only transcribes its input: it has no replies.
/// </summary>
internal sealed class RealtimeSessionConfig
{
    // A transcription session transcribes with this model unless it names another.
    private const string DefaultTranscriptionModel = "whisper-1";

    private readonly string _sessionId;
    private readonly string _model;
    private readonly long _expiresAt;

    private JsonNode? _turnDetection = new JsonObject
    {
        ["type"] = "server_vad",
        ["threshold"] = TurnDetection.Default.Threshold,
        ["prefix_padding_ms"] = TurnDetection.Default.PrefixPaddingMs,
        ["silence_duration_ms"] = TurnDetection.Default.SilenceDurationMs,
        ["create_response"] = true,
        ["interrupt_response"] = true,
    };

    private JsonNode? _transcription;

    /// <param name="expiresAt">Unix seconds after which the service would end the session (reported, not enforced).</param>
    public RealtimeSessionConfig(string sessionId, string model, RealtimeDialect dialect, bool transcriptionOnly, long expiresAt)
    {
        _sessionId = sessionId;
        _model = model;
        _expiresAt = expiresAt;
        Dialect = dialect;
        TranscriptionOnly = transcriptionOnly;
        if (transcriptionOnly)
        {
            _transcription = new JsonObject { ["model"] = DefaultTranscriptionModel };
        }
    }

    public RealtimeDialect Dialect { get; }

    /// <summary>True for a transcription session: input is segmented and transcribed, nothing is said back.</summary>
    public bool TranscriptionOnly { get; private set; }

    /// <summary>Server VAD's settings; null when the client commits turns itself.</summary>
    public TurnDetection? TurnDetection { get; private set; } = TurnDetection.Default;

    /// <summary>The event that updates this session, and the one that answers it (beta transcription sessions have their own).</summary>
    public (string Update, string Updated) UpdateEvents => TranscriptionOnly && Dialect == RealtimeDialect.Beta
        ? ("transcription_session.update", "transcription_session.updated")
        : ("session.update", RealtimeEventNames.SessionUpdated);

    /// <summary>The name of the first event, which carries the session.</summary>
    public string CreatedEvent => TranscriptionOnly && Dialect == RealtimeDialect.Beta ? "transcription_session.created" : RealtimeEventNames.SessionCreated;

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

    public JsonObject ToJson() => (Dialect, TranscriptionOnly) switch
    {
        (RealtimeDialect.Ga, false) => GaJson(),
        (RealtimeDialect.Ga, true) => GaTranscriptionJson(),
        (_, false) => BetaJson(),
        (_, true) => BetaTranscriptionJson(),
    };

    private (string Param, string Message)? ApplyGa(JsonObject session)
    {
        foreach (var beta in (string[])["modalities", "voice", "input_audio_format", "output_audio_format", "input_audio_transcription", "turn_detection"])
        {
            if (session.ContainsKey(beta))
            {
                return ("session." + beta, $"Unknown parameter: 'session.{beta}'. This session speaks the GA protocol: use the nested audio.input / audio.output shape.");
            }
        }

        var type = session["type"]?.GetValue<string>();
        if (type is not ("realtime" or "transcription"))
        {
            return ("session.type", "Missing required parameter: 'session.type' ('realtime' or 'transcription').");
        }

        if (type == "transcription")
        {
            foreach (var replyField in (string[])["output_modalities", "instructions", "tools", "tool_choice", "max_output_tokens"])
            {
                if (session.ContainsKey(replyField))
                {
                    return ("session." + replyField, $"Unknown parameter: 'session.{replyField}'. A transcription session has no replies.");
                }
            }

            if (session["audio"]?["output"] is not null)
            {
                return ("session.audio.output", "Unknown parameter: 'session.audio.output'. A transcription session has no replies.");
            }
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
            if (input.ContainsKey("turn_detection") && ApplyTurnDetection(input["turn_detection"], "session.audio.input.turn_detection") is { } turnProblem)
            {
                return turnProblem;
            }

            if (input.ContainsKey("transcription"))
            {
                _transcription = input["transcription"]?.DeepClone();
            }
        }

        TranscriptionOnly = type == "transcription";
        return null;
    }

    private (string Param, string Message)? ApplyTurnDetection(JsonNode? node, string param)
    {
        var (settings, problem) = TurnDetection.Read(node, param);
        if (problem is null)
        {
            TurnDetection = settings;
            _turnDetection = node?.DeepClone();
        }

        return problem;
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

        if (session.ContainsKey("turn_detection") && ApplyTurnDetection(session["turn_detection"], "session.turn_detection") is { } turnProblem)
        {
            return turnProblem;
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
        ["id"] = _sessionId,
        ["model"] = _model,
        ["expires_at"] = _expiresAt,
        ["output_modalities"] = new JsonArray(AudioOutput ? "audio" : "text"),
        ["instructions"] = Instructions,
        ["tool_choice"] = "auto",
        ["tools"] = new JsonArray(),
        ["max_output_tokens"] = "inf",
        ["audio"] = new JsonObject
        {
            ["input"] = GaInputJson(),
            ["output"] = new JsonObject
            {
                ["format"] = PcmFormat(),
                ["voice"] = Voice,
                ["speed"] = 1.0,
            },
        },
    };

    private JsonObject GaTranscriptionJson() => new()
    {
        ["type"] = "transcription",
        ["object"] = "realtime.transcription_session",
        ["id"] = _sessionId,
        ["expires_at"] = _expiresAt,
        ["audio"] = new JsonObject { ["input"] = GaInputJson() },
        ["include"] = null,
    };

    private JsonObject GaInputJson() => new()
    {
        ["format"] = PcmFormat(),
        ["transcription"] = _transcription?.DeepClone(),
        ["noise_reduction"] = null,
        ["turn_detection"] = _turnDetection?.DeepClone(),
    };

    private JsonObject BetaTranscriptionJson() => new()
    {
        ["object"] = "realtime.transcription_session",
        ["id"] = _sessionId,
        ["expires_at"] = _expiresAt,
        ["input_audio_format"] = "pcm16",
        ["input_audio_transcription"] = _transcription?.DeepClone(),
        ["turn_detection"] = _turnDetection?.DeepClone(),
        ["input_audio_noise_reduction"] = null,
        ["include"] = null,
    };

    private JsonObject BetaJson() => new()
    {
        ["object"] = "realtime.session",
        ["id"] = _sessionId,
        ["model"] = _model,
        ["expires_at"] = _expiresAt,
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
