using TokenLab.Emulator.Catalog;
using TokenLab.Emulator.Pipeline;

namespace TokenLab.Emulator.Endpoints.Realtime;

/// <summary>
/// Checks a WebSocket upgrade to <c>/v1/realtime</c> before it is accepted, answering as TokenLab documents:
/// 401 without a valid Bearer key, 400 without <c>model</c> or for a model that is unknown or takes no
/// realtime sessions, 403 for a model the key may not use. Each is a JSON error body with the request ID.
/// </summary>
internal static class RealtimeHandshake
{
    private const string RealtimeEndpoint = "/v1/realtime";
    private const string GaSubProtocol = "realtime";
    private const string BetaSubProtocol = "openai-beta.realtime-v1";

    /// <summary>The model to open a session with, or the rejection to send instead.</summary>
    public static (CatalogModel? Model, IResult? Rejection) Check(HttpContext context, ModelCatalog catalog)
    {
        var apiKey = EmulatorRequestContext.Get(context).ApiKey;
        if (apiKey.Status != ApiKeyStatus.Valid)
        {
            return Reject(StatusCodes.Status401Unauthorized, new ApiError(
                "Missing API key: send Authorization: Bearer sk-... on the WebSocket upgrade request.", "invalid_api_key", "invalid_api_key"));
        }

        var requested = context.Request.Query["model"].ToString();
        if (string.IsNullOrWhiteSpace(requested))
        {
            return Reject(StatusCodes.Status400BadRequest, ApiErrors.Validation([new ValidationIssue("model", "Model is required for WebSocket upgrades: /v1/realtime?model={model}")]));
        }

        if (catalog.Find(requested) is not { } model)
        {
            var closest = ModelCatalog.ClosestId(requested, catalog.Models.Where(apiKey.Allows).Where(DeclaresRealtime));
            return Reject(StatusCodes.Status400BadRequest, ApiErrors.ModelNotFound(requested, closest) with { Param = "model" });
        }

        if (!apiKey.Allows(model))
        {
            return Reject(StatusCodes.Status403Forbidden, ApiErrors.ForStatus(StatusCodes.Status403Forbidden) with { Param = "model" });
        }

        if (!DeclaresRealtime(model))
        {
            return Reject(StatusCodes.Status400BadRequest, new ApiError(
                $"Model '{model.Id}' does not support {RealtimeEndpoint}: choose a model whose details declare it.",
                "no_contract_compatible_route",
                "no_contract_compatible_route") { Param = "model" });
        }

        return (model, null);
    }

    /// <summary>
    /// OpenAI models speak GA unless the client asks for beta with <c>OpenAI-Beta: realtime=v1</c> (or, as
    /// browsers must, the <c>openai-beta.realtime-v1</c> subprotocol); other providers speak beta.
    /// </summary>
    public static RealtimeDialect DialectFor(HttpContext context, CatalogModel model) =>
        model.OwnedBy == "openai"
        && !context.Request.Headers["OpenAI-Beta"].ToString().Contains("realtime=v1", StringComparison.OrdinalIgnoreCase)
        && !context.WebSockets.WebSocketRequestedProtocols.Contains(BetaSubProtocol, StringComparer.Ordinal)
            ? RealtimeDialect.Ga
            : RealtimeDialect.Beta;

    /// <summary>
    /// The subprotocol to answer with: <c>realtime</c> when the client offers it (browser and <c>ws</c> clients
    /// refuse a handshake that does not echo one), else <c>openai-beta.realtime-v1</c> if offered, else none.
    /// Keys offered as <c>openai-insecure-api-key.*</c> are never echoed, nor used: the key goes in the header.
    /// </summary>
    public static string? SubProtocol(HttpContext context)
    {
        var offered = context.WebSockets.WebSocketRequestedProtocols;
        return offered.Contains(GaSubProtocol, StringComparer.Ordinal) ? GaSubProtocol
            : offered.Contains(BetaSubProtocol, StringComparer.Ordinal) ? BetaSubProtocol
            : null;
    }

    /// <summary>A transcription session: <c>intent=transcription</c> in the query (beta's way; GA clients may also send session.type).</summary>
    public static bool WantsTranscription(HttpContext context) =>
        string.Equals(context.Request.Query["intent"].ToString(), "transcription", StringComparison.Ordinal);

    /// <summary>The model's details name /v1/realtime as its endpoint (current <c>tokenlab</c> key or the older <c>lemondata</c> one).</summary>
    private static bool DeclaresRealtime(CatalogModel model) =>
        model.TokenLab["request_format_summary"]?["request_endpoint"]?.GetValue<string>() == RealtimeEndpoint
        || model.LegacyDetail?["public_contract_summary"]?["request_endpoint"]?.GetValue<string>() == RealtimeEndpoint;

    private static (CatalogModel?, IResult?) Reject(int status, ApiError error) => (null, ApiErrors.Result(status, error));
}
