using System.Text.Json.Nodes;
using TokenLab.Emulator.Auth;
using TokenLab.Emulator.Catalog;
using TokenLab.Emulator.Pipeline;

namespace TokenLab.Emulator.Endpoints;

/// <summary>Model discovery: <c>GET /v1/models</c>, <c>/v1/models/{model}</c> and <c>/v1/models/{model}/pricing</c>.</summary>
internal static class ModelEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var models = routes.MapGroup("/v1/models").AddEndpointFilter<RejectInvalidApiKeyFilter>();
        models.MapGet(string.Empty, ListModels);
        models.MapGet("/{model}", GetModel);
        models.MapGet("/{model}/pricing", GetModelPricing);
    }

    private static IResult ListModels(HttpContext context, ModelCatalog catalog)
    {
        var query = ModelListQuery.Parse(context.Request.Query, out var issues);
        if (query is null)
        {
            return ApiErrors.Result(StatusCodes.Status400BadRequest, ApiErrors.Validation(issues));
        }

        var scene = query.RecommendedFor;
        var selected = VisibleModels(context, catalog).Where(model => Matches(model, query));
        if (scene is not null)
        {
            // Scored models by rank; those without enough samples still appear, after them.
            selected = selected
                .Where(model => model.Recommendations.ContainsKey(scene))
                .OrderBy(model => model.Recommendations[scene].PreferredRank is null)
                .ThenBy(model => model.Recommendations[scene].PreferredRank)
                .ThenBy(model => model.Id, StringComparer.Ordinal);
        }

        var items = selected
            .Select(model => query.Compact ? ModelViews.CompactItem(model, scene) : ModelViews.ListItem(model, scene, catalog.RecommendationsUpdatedAt))
            .ToArray<JsonNode?>();

        var body = query.Compact
            ? new JsonObject { ["object"] = "list", ["view"] = "compact", ["count"] = items.Length, ["data"] = new JsonArray(items) }
            : new JsonObject { ["object"] = "list", ["data"] = new JsonArray(items) };
        return Results.Json<JsonNode>(body, EmulatorJson.Options);
    }

    private static IResult GetModel(HttpContext context, ModelCatalog catalog, string model) =>
        FindVisible(context, catalog, model) is { } found
            ? Results.Json<JsonNode>(ModelViews.Detail(found, catalog.RecommendationsUpdatedAt), EmulatorJson.Options)
            : ModelNotFound(context, catalog, model);

    private static IResult GetModelPricing(HttpContext context, ModelCatalog catalog, string model) =>
        FindVisible(context, catalog, model) is { } found
            ? Results.Json<JsonNode>(ModelViews.Pricing(found), EmulatorJson.Options)
            : ModelNotFound(context, catalog, model);

    /// <summary>A key limited to some models sees a catalog of only those models, here as in the list.</summary>
    private static CatalogModel? FindVisible(HttpContext context, ModelCatalog catalog, string idOrAlias) =>
        catalog.Find(idOrAlias) is { } model && EmulatorRequestContext.Get(context).ApiKey.Allows(model) ? model : null;

    private static IResult ModelNotFound(HttpContext context, ModelCatalog catalog, string requested) =>
        ApiErrors.Result(
            StatusCodes.Status404NotFound,
            ApiErrors.ModelNotFound(requested, ModelCatalog.ClosestId(requested, VisibleModels(context, catalog))));

    private static IEnumerable<CatalogModel> VisibleModels(HttpContext context, ModelCatalog catalog)
    {
        var apiKey = EmulatorRequestContext.Get(context).ApiKey;
        return catalog.Models.Where(apiKey.Allows);
    }

    private static bool Matches(CatalogModel model, ModelListQuery query) =>
        (query.Category is null || model.Category == query.Category)
        && (query.Provider is null || string.Equals(model.OwnedBy, query.Provider, StringComparison.OrdinalIgnoreCase))
        && (query.Tag is null || HasTag(model, query.Tag));

    // Public tags are the capability tags plus the category (tag=video lists video models).
    private static bool HasTag(CatalogModel model, string tag) =>
        string.Equals(model.Category, tag, StringComparison.OrdinalIgnoreCase)
        || (model.TokenLab["capabilities"]?.AsArray() ?? [])
            .Any(capability => string.Equals(capability?.GetValue<string>(), tag, StringComparison.OrdinalIgnoreCase));
}
