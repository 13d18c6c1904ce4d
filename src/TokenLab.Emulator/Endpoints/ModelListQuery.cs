namespace TokenLab.Emulator.Endpoints;

/// <summary>The validated query of <c>GET /v1/models</c>.</summary>
internal sealed record ModelListQuery(string? Category, string? RecommendedFor, string? Provider, string? Tag, bool Compact)
{
    private static readonly string[] Categories = ["chat", "embedding", "translation", "image", "video", "audio", "tts", "stt", "rerank", "3d", "music"];

    // No "realtime": realtime models are not ranked; clients find them through the model details.
    private static readonly string[] Scenes = ["image", "video", "music", "3d", "tts", "stt", "embedding", "rerank", "translation"];

    private static readonly string[] Views = ["compact", "full"];

    private static readonly (string Name, string[] Allowed)[] EnumParameters =
    [
        ("category", Categories),
        ("recommended_for", Scenes),
        ("view", Views),
    ];

    /// <summary>Parses the query; on failure returns null and the issues for a 400 ValidationError.</summary>
    public static ModelListQuery? Parse(IQueryCollection query, out IReadOnlyList<ValidationIssue> issues)
    {
        var problems = new List<ValidationIssue>();
        foreach (var (name, allowed) in EnumParameters)
        {
            if (query.TryGetValue(name, out var value) && !allowed.Contains(value.ToString(), StringComparer.Ordinal))
            {
                var expected = string.Join(" | ", allowed.Select(a => $"'{a}'"));
                problems.Add(new ValidationIssue(name, $"Invalid enum value. Expected {expected}, received '{value}'", "invalid_enum_value"));
            }
        }

        issues = problems;
        if (problems.Count > 0)
        {
            return null;
        }

        return new ModelListQuery(
            Optional(query, "category"),
            Optional(query, "recommended_for"),
            Optional(query, "provider"),
            Optional(query, "tag"),
            Optional(query, "view") == "compact");
    }

    private static string? Optional(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) ? value.ToString() : null;
}
