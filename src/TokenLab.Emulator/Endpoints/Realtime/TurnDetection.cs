using System.Text.Json.Nodes;

namespace TokenLab.Emulator.Endpoints.Realtime;

/// <summary>
/// A session's <c>turn_detection</c>, read for the emulator's voice activity detector. <c>semantic_vad</c>
/// behaves as <c>server_vad</c>, with its eagerness choosing how long a pause ends a turn.
/// </summary>
internal sealed record TurnDetection(double Threshold, int PrefixPaddingMs, int SilenceDurationMs, bool CreateResponse, bool InterruptResponse)
{
    public static readonly TurnDetection Default = new(0.5, 300, 500, true, true);

    /// <summary>The settings (null for manual commit), or the problem (param, message) with them.</summary>
    public static (TurnDetection? Settings, (string Param, string Message)? Problem) Read(JsonNode? node, string param)
    {
        if (node is null)
        {
            return (null, null);
        }

        if (node is not JsonObject settings)
        {
            return (null, (param, $"Invalid type for '{param}': expected an object or null."));
        }

        var createResponse = settings["create_response"]?.GetValue<bool>() ?? true;
        var interruptResponse = settings["interrupt_response"]?.GetValue<bool>() ?? true;
        switch (settings["type"]?.GetValue<string>())
        {
            case "server_vad":
                var threshold = settings["threshold"]?.GetValue<double>() ?? Default.Threshold;
                var prefix = settings["prefix_padding_ms"]?.GetValue<int>() ?? Default.PrefixPaddingMs;
                var silence = settings["silence_duration_ms"]?.GetValue<int>() ?? Default.SilenceDurationMs;
                if (threshold is < 0 or > 1)
                {
                    return (null, (param + ".threshold", $"Invalid value for '{param}.threshold': {threshold}. Expected a number from 0 to 1."));
                }

                if (prefix < 0 || silence < 0)
                {
                    return (null, (param, $"Invalid value for '{param}': prefix_padding_ms and silence_duration_ms are milliseconds, 0 or more."));
                }

                return (new TurnDetection(threshold, prefix, silence, createResponse, interruptResponse), null);
            case "semantic_vad":
                // How long a pause the model waits for before it takes the turn, by eagerness.
                int? pause = (settings["eagerness"]?.GetValue<string>() ?? "auto") switch
                {
                    "low" => 1000,
                    "medium" or "auto" => 500,
                    "high" => 250,
                    _ => null,
                };
                return pause is int pauseMs
                    ? (Default with { SilenceDurationMs = pauseMs, CreateResponse = createResponse, InterruptResponse = interruptResponse }, null)
                    : (null, (param + ".eagerness", $"Invalid value for '{param}.eagerness'. Supported values are: 'low', 'medium', 'high' and 'auto'."));
            default:
                return (null, (param + ".type", $"Invalid value for '{param}.type'. Supported values are: 'server_vad' and 'semantic_vad'."));
        }
    }
}
