using System.Globalization;
using System.Text.Json.Nodes;

namespace TokenLab.Emulator.Catalog;

/// <summary>The response shapes of the model routes, projected from a <see cref="CatalogModel"/>.</summary>
internal static class ModelViews
{
    // ModelListTokenLabExtension (additionalProperties: false), in schema order.
    private static readonly string[] ListFields =
    [
        "aliases", "deliveryAvailability", "pricing", "capabilities", "providers", "max_input_tokens", "max_output_tokens",
        "category", "pricing_unit", "cache_pricing", "has_complex_pricing", "pricing_summary",
    ];

    private static readonly string[] ListFieldsAfterPreferences = ["lifecycle", "commercial", "badges"];

    // ModelListRequestFormatSummary: the list keeps only what is needed to route a request.
    private static readonly string[] ListRequestFormatFields = ["public_operations", "request_endpoint", "request_endpoint_by_operation"];

    // CompactModelListItem.pricing: prices are decimal strings.
    private static readonly string[] CompactPriceFields = ["input_per_1m", "output_per_1m", "per_request", "min_price", "max_price"];

    /// <summary>A <c>ModelListItem</c> of the full view; <paramref name="scene"/> adds <c>agent_preferences</c>.</summary>
    public static JsonObject ListItem(CatalogModel model, string? scene, string evidenceUpdatedAt)
    {
        var extension = new JsonObject();
        CopyFields(model.TokenLab, extension, ListFields);
        if (scene is not null)
        {
            extension["agent_preferences"] = new JsonObject
            {
                [scene] = AgentPreference(model.Recommendations[scene], evidenceUpdatedAt),
            };
        }

        CopyFields(model.TokenLab, extension, ListFieldsAfterPreferences);
        if (model.TokenLab.TryGetPropertyValue("request_format_summary", out var summary))
        {
            JsonObject? listSummary = null;
            if (summary is JsonObject fullSummary)
            {
                listSummary = [];
                CopyFields(fullSummary, listSummary, ListRequestFormatFields);
            }

            extension["request_format_summary"] = listSummary;
        }

        return Envelope(model, "tokenlab", extension);
    }

    /// <summary>A <c>CompactModelListItem</c>; <paramref name="scene"/> adds <c>recommendation</c>.</summary>
    public static JsonObject CompactItem(CatalogModel model, string? scene)
    {
        var tokenLab = model.TokenLab;
        var item = new JsonObject { ["id"] = model.Id };
        CopyFields(tokenLab, item, ["deliveryAvailability"]);
        item["provider"] = model.OwnedBy;
        item["category"] = model.Category;
        item["capabilities"] = tokenLab["capabilities"]?.DeepClone();
        item["max_input_tokens"] = tokenLab["max_input_tokens"]?.DeepClone();
        item["max_output_tokens"] = tokenLab["max_output_tokens"]?.DeepClone();

        var pricing = new JsonObject
        {
            ["unit"] = tokenLab["pricing_unit"]?.DeepClone(),
            ["currency"] = "USD",
        };
        var prices = tokenLab["pricing"]!.AsObject();
        foreach (var field in CompactPriceFields)
        {
            if (prices[field] is JsonValue price)
            {
                pricing[field] = price.GetValue<decimal>().ToString(CultureInfo.InvariantCulture);
            }
        }

        pricing["has_complex_pricing"] = tokenLab["has_complex_pricing"]?.DeepClone();
        item["pricing"] = pricing;

        var lifecycle = tokenLab["lifecycle"]!.AsObject();
        item["status"] = lifecycle["stage"]?.DeepClone();
        item["latest"] = lifecycle["latest"]?.DeepClone();
        CopyFields(tokenLab, item, ["supported_operations"]);
        if (tokenLab["request_format_summary"]?["request_endpoint"] is JsonValue endpoint)
        {
            item["request_endpoint"] = endpoint.DeepClone();
        }

        if (scene is not null)
        {
            var evidence = model.Recommendations[scene];
            item["recommendation"] = new JsonObject
            {
                ["preferred_rank"] = evidence.PreferredRank,
                ["success_rate_24h"] = evidence.SuccessRate24h,
                ["sample_count_24h"] = evidence.SampleCount24h,
                ["status"] = evidence.Status,
            };
        }

        return item;
    }

    /// <summary>The <c>Model</c> of <c>GET /v1/models/{model}</c>, or the older <c>lemondata</c>-keyed shape for a legacy model.</summary>
    public static JsonObject Detail(CatalogModel model, string evidenceUpdatedAt)
    {
        if (model.LegacyDetail is { } legacy)
        {
            return Envelope(model, "lemondata", legacy.DeepClone().AsObject());
        }

        var extension = model.TokenLab.DeepClone().AsObject();
        if (model.Recommendations.Count > 0)
        {
            extension["agent_preferences"] = new JsonObject(model.Recommendations.Select(pair =>
                KeyValuePair.Create(pair.Key, (JsonNode?)AgentPreference(pair.Value, evidenceUpdatedAt))));
        }

        return Envelope(model, "tokenlab", extension);
    }

    /// <summary>The <c>ModelPricingResponse</c> of <c>GET /v1/models/{model}/pricing</c>.</summary>
    public static JsonObject Pricing(CatalogModel model)
    {
        var tokenLab = model.TokenLab;
        var scalar = new JsonObject
        {
            ["unit"] = tokenLab["pricing_unit"]?.DeepClone(),
            ["currency"] = "USD",
        };
        foreach (var (name, value) in tokenLab["pricing"]!.AsObject())
        {
            scalar[name] = value?.DeepClone();
        }

        return new JsonObject
        {
            ["model"] = model.Id,
            ["pricing_unit"] = tokenLab["pricing_unit"]?.DeepClone(),
            ["has_complex_pricing"] = tokenLab["has_complex_pricing"]?.DeepClone(),
            ["supported_operations"] = (tokenLab["supported_operations"] ?? model.LegacyDetail?["supported_operations"] ?? new JsonArray()).DeepClone(),
            ["pricing_summary"] = tokenLab["pricing_summary"]?.DeepClone(),
            ["pricing_provenance"] = (tokenLab["pricing_provenance"] ?? model.LegacyDetail?["pricing_provenance"])?.DeepClone(),
            ["pricing_details"] = model.PricingDetails?.DeepClone(),
            ["scalar_pricing"] = scalar,
        };
    }

    private static JsonObject AgentPreference(SceneRecommendation evidence, string updatedAt) => new()
    {
        ["preferred_rank"] = evidence.PreferredRank,
        ["success_rate_24h"] = evidence.SuccessRate24h,
        ["sample_count_24h"] = evidence.SampleCount24h,
        ["status"] = evidence.Status,
        ["updated_at"] = updatedAt,
        // TokenLab deliberately keeps routing internals out of public evidence.
        ["basis"] = new JsonObject { ["channel_id"] = null, ["physical_model"] = null },
    };

    private static JsonObject Envelope(CatalogModel model, string extensionKey, JsonObject extension) => new()
    {
        ["id"] = model.Id,
        ["object"] = "model",
        ["created"] = model.Created,
        ["owned_by"] = model.OwnedBy,
        [extensionKey] = extension,
    };

    private static void CopyFields(JsonObject source, JsonObject target, IEnumerable<string> fields)
    {
        foreach (var field in fields)
        {
            if (source.TryGetPropertyValue(field, out var value))
            {
                target[field] = value?.DeepClone();
            }
        }
    }
}
