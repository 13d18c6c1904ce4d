using System.Text.Json.Nodes;
using TokenLab.Emulator.Catalog;

namespace TokenLab.Emulator.Speech;

/// <summary>What a catalog model's <c>request_format_summary</c> says a speech request may contain.</summary>
internal sealed class SpeechModelContract
{
    private SpeechModelContract(IReadOnlySet<string> parameters, IReadOnlyList<string> outputFormats, bool supportsSse)
    {
        SupportedParameters = parameters;
        OutputFormats = outputFormats;
        SupportsSse = supportsSse;
    }

    public IReadOnlySet<string> SupportedParameters { get; }

    public IReadOnlyList<string> OutputFormats { get; }

    public bool SupportsSse { get; }

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
            summary["feature_flags"]?["stream_format_sse"]?.GetValue<bool>() == true);
    }

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(item => item!.GetValue<string>()).ToList() : [];
}
