using System.Text.Json.Nodes;

namespace TokenLab.Emulator.Catalog;

/// <summary>The emulated model catalog, read from the embedded <c>Catalog/models.json</c>.</summary>
internal sealed class ModelCatalog
{
    private const string ResourceName = "TokenLab.Emulator.Catalog.models.json";

    private static readonly Lazy<ModelCatalog> EmbeddedCatalog = new(LoadEmbedded);

    private readonly Dictionary<string, CatalogModel> _byIdOrAlias = new(StringComparer.Ordinal);

    private ModelCatalog(IReadOnlyList<CatalogModel> models, string recommendationsUpdatedAt)
    {
        Models = models;
        RecommendationsUpdatedAt = recommendationsUpdatedAt;
        foreach (var model in models)
        {
            foreach (var name in model.Aliases.Prepend(model.Id))
            {
                if (!_byIdOrAlias.TryAdd(name, model))
                {
                    throw new InvalidDataException($"models.json: '{name}' names two models.");
                }
            }
        }
    }

    /// <summary>The catalog is immutable, so one parsed copy serves every emulator in the process.</summary>
    public static ModelCatalog Embedded => EmbeddedCatalog.Value;

    /// <summary>All models in file order.</summary>
    public IReadOnlyList<CatalogModel> Models { get; }

    /// <summary>When the 24-hour recommendation snapshot was taken (the <c>updated_at</c> of the evidence).</summary>
    public string RecommendationsUpdatedAt { get; }

    /// <summary>Finds a model by ID or alias (exact, case-sensitive like model IDs in requests).</summary>
    public CatalogModel? Find(string idOrAlias) => _byIdOrAlias.GetValueOrDefault(idOrAlias);

    /// <summary>The candidate ID closest to <paramref name="requested"/> by edit distance, for <c>did_you_mean</c>.</summary>
    public static string? ClosestId(string requested, IEnumerable<CatalogModel> candidates) =>
        candidates
            .Select(model => (model.Id, Distance: EditDistance(requested.ToLowerInvariant(), model.Id.ToLowerInvariant())))
            .OrderBy(candidate => candidate.Distance)
            .ThenBy(candidate => candidate.Id, StringComparer.Ordinal)
            .Select(candidate => candidate.Id)
            .FirstOrDefault();

    private static ModelCatalog LoadEmbedded()
    {
        using var stream = typeof(ModelCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidDataException($"Embedded resource {ResourceName} is missing.");
        var document = JsonNode.Parse(stream)?.AsObject() ?? throw new InvalidDataException("models.json is empty.");
        Materialize(document);
        var updatedAt = document["recommendation_snapshot_at"]!.GetValue<string>();
        var models = document["models"]!.AsArray().Select(node => ReadModel(node!.AsObject())).ToList();
        return new ModelCatalog(models, updatedAt);
    }

    // JsonNode builds its children lazily on first access, which is not thread-safe. Concurrent requests read
    // the shared catalog, so every node is built once here, before any request runs.
    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject properties:
                foreach (var (_, value) in properties)
                {
                    Materialize(value);
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    Materialize(item);
                }

                break;
        }
    }

    private static CatalogModel ReadModel(JsonObject entry)
    {
        var id = entry["id"]!.GetValue<string>();
        var tokenLab = entry["tokenlab"]?.AsObject() ?? throw new InvalidDataException($"models.json: '{id}' has no tokenlab object.");
        ComposeRequestFormatDetails(tokenLab);
        return new CatalogModel
        {
            Id = id,
            Created = entry["created"]!.GetValue<long>(),
            OwnedBy = entry["owned_by"]!.GetValue<string>(),
            Aliases = tokenLab["aliases"]!.AsArray().Select(alias => alias!.GetValue<string>()).ToList(),
            Category = tokenLab["category"]!.GetValue<string>(),
            TokenLab = tokenLab,
            LegacyDetail = entry["lemondata"]?.AsObject(),
            PricingDetails = entry["pricing_details"]?.AsObject(),
            Recommendations = (entry["recommendations"]?.AsObject() ?? [])
                .ToDictionary(scene => scene.Key, scene => ReadRecommendation(scene.Value!.AsObject()), StringComparer.Ordinal),
        };
    }

    private static SceneRecommendation ReadRecommendation(JsonObject evidence) => new(
        evidence["preferred_rank"]?.GetValue<int>(),
        evidence["success_rate_24h"]?.GetValue<double>(),
        evidence["sample_count_24h"]!.GetValue<int>(),
        evidence["status"]!.GetValue<string>());

    // The contract defines the details as the summary plus documentation fields
    // (NonChatRequestFormatDetails = allOf[summary, extras]); the file stores only the extras.
    private static void ComposeRequestFormatDetails(JsonObject tokenLab)
    {
        if (tokenLab["request_format_summary"] is not JsonObject summary || tokenLab["request_format_details"] is not JsonObject extras)
        {
            return;
        }

        var details = summary.DeepClone().AsObject();
        foreach (var (name, value) in extras)
        {
            details[name] = value?.DeepClone();
        }

        tokenLab["request_format_details"] = details;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
