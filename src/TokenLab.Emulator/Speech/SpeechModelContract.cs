using System.Text.Json.Nodes;
using TokenLab.Emulator.Catalog;

namespace TokenLab.Emulator.Speech;

/// <summary>What a catalog model's <c>request_format_summary</c> says a speech request may contain.</summary>
internal sealed class SpeechModelContract
{
    private const string FallbackVoice = "alloy";

    private SpeechModelContract(IReadOnlySet<string> parameters, IReadOnlyList<string> outputFormats, bool supportsSse, IReadOnlyList<string> voices, string? recommendedVoice)
    {
        SupportedParameters = parameters;
        OutputFormats = outputFormats;
        SupportsSse = supportsSse;
        Voices = voices;
        DefaultVoice = recommendedVoice ?? (voices.Count > 0 ? voices[0] : FallbackVoice);
    }

    public IReadOnlySet<string> SupportedParameters { get; }

    public IReadOnlyList<string> OutputFormats { get; }

    public bool SupportsSse { get; }

    /// <summary>The voice names the model lists; empty when it lists none (then any name is left to the upstream).</summary>
    public IReadOnlyList<string> Voices { get; }

    /// <summary>The voice of a request without one: the recommended request's, else the first listed, else alloy.</summary>
    public string DefaultVoice { get; }

    /// <summary>The contract of a speech model; null when the model does not offer <c>audio.speech</c>.</summary>
    public static SpeechModelContract? For(CatalogModel model)
    {
        var summary = model.TokenLab["request_format_summary"] as JsonObject;
        if (summary?["public_operations"] is not JsonArray operations || !operations.Any(o => o?.GetValue<string>() == "audio.speech"))
        {
            return null;
        }

        return new SpeechModelContract(
            Strings(summary["supported_parameters"]).ToHashSet(StringComparer.Ordinal),
            Strings(summary["output_formats"]),
            summary["feature_flags"]?["stream_format_sse"]?.GetValue<bool>() == true,
            Strings(summary["voices"]),
            summary["recommended_request_summary"]?["voice"]?.GetValue<string>());
    }

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(item => item!.GetValue<string>()).ToList() : [];
}
