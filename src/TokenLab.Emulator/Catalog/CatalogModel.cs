using System.Text.Json.Nodes;

namespace TokenLab.Emulator.Catalog;

/// <summary>One model of the emulated catalog. The JSON objects are shared and must be cloned before output.</summary>
internal sealed class CatalogModel
{
    public required string Id { get; init; }

    public required long Created { get; init; }

    public required string OwnedBy { get; init; }

    public required IReadOnlyList<string> Aliases { get; init; }

    public required string Category { get; init; }

    /// <summary>The <c>tokenlab</c> detail extension. For a legacy model it holds only the list-level fields.</summary>
    public required JsonObject TokenLab { get; init; }

    /// <summary>
    /// The detail under the retired <c>lemondata</c> key, for a model still served in the older shape;
    /// when set, the detail carries only this extension.
    /// </summary>
    public JsonObject? LegacyDetail { get; init; }

    /// <summary>The price explanation returned only by <c>GET /v1/models/{model}/pricing</c>.</summary>
    public JsonObject? PricingDetails { get; init; }

    /// <summary>Recommendation evidence by scene; a model appears under <c>recommended_for</c> only for these scenes.</summary>
    public required IReadOnlyDictionary<string, SceneRecommendation> Recommendations { get; init; }
}
