using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using TokenLab.Emulator.Catalog;
using TokenLab.Emulator.Endpoints.Realtime;
using TokenLab.Emulator.Faults;

namespace TokenLab.Emulator.Endpoints;

/// <summary>
/// The emulator's own control API under <c>/_emulator</c>: faults, the request log, health. No auth, loopback
/// callers only; these requests are neither recorded nor faulted.
/// </summary>
internal static class ControlEndpoints
{
    public const string Prefix = "/_emulator";

    public static void Map(IEndpointRouteBuilder routes)
    {
        var control = routes.MapGroup(Prefix).AddEndpointFilter(LoopbackOnly);
        control.MapGet("/health", Health);
        control.MapPost("/faults", AddFaultsAsync);
        control.MapGet("/faults", (FaultQueue faults) => Json(new JsonObject
        {
            ["faults"] = JsonSerializer.SerializeToNode(faults.Snapshot(), EmulatorJson.Options),
        }));
        control.MapDelete("/faults", (FaultQueue faults) => Json(new JsonObject { ["cleared"] = faults.Clear() }));
        control.MapGet("/requests", (RequestLog log) => Json(new JsonObject
        {
            ["requests"] = JsonSerializer.SerializeToNode(log.Snapshot(), EmulatorJson.Options),
        }));
        control.MapDelete("/requests", (RequestLog log) => Json(new JsonObject { ["cleared"] = log.Clear() }));
        control.MapGet("/realtime", (RealtimeSessionLog sessions) => Json(new JsonObject
        {
            ["sessions"] = JsonSerializer.SerializeToNode(sessions.Snapshot(), EmulatorJson.Options),
        }));
        control.MapDelete("/realtime", (RealtimeSessionLog sessions) => Json(new JsonObject { ["cleared"] = sessions.ClearEnded() }));
    }

    private static IResult Health(ModelCatalog catalog, FaultQueue faults, RequestLog log) => Json(new JsonObject
    {
        ["status"] = "ok",
        ["models"] = catalog.Models.Count,
        ["queued_faults"] = faults.Snapshot().Count,
        ["recorded_requests"] = log.Snapshot().Count,
    });

    /// <summary>Accepts one fault spec or an array of them; all are validated before any is queued.</summary>
    private static async Task<IResult> AddFaultsAsync(HttpContext context, FaultQueue faults)
    {
        List<FaultSpec> specs;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            specs = document.RootElement.ValueKind == JsonValueKind.Array
                ? document.RootElement.Deserialize<List<FaultSpec>>(EmulatorJson.Options) ?? []
                : [document.RootElement.Deserialize<FaultSpec>(EmulatorJson.Options)!];
            var ids = faults.Add(specs);
            return Json(new JsonObject { ["ids"] = new JsonArray(ids.Select(id => (JsonNode)id).ToArray()) });
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException)
        {
            return ApiErrors.Result(
                StatusCodes.Status400BadRequest,
                new ApiError(exception.Message, "invalid_request_error", "invalid_emulator_fault"));
        }
    }

    private static ValueTask<object?> LoopbackOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var remote = context.HttpContext.Connection.RemoteIpAddress;
        if (remote is { IsIPv4MappedToIPv6: true })
        {
            remote = remote.MapToIPv4();
        }

        return remote is not null && IPAddress.IsLoopback(remote)
            ? next(context)
            : ValueTask.FromResult<object?>(ApiErrors.Result(
                StatusCodes.Status403Forbidden,
                new ApiError("The emulator control API accepts loopback callers only.", "permission_error", "control_api_loopback_only")));
    }

    private static IResult Json(JsonObject body) => Results.Json<JsonNode>(body, EmulatorJson.Options);
}
