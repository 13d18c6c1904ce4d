using System.Text.Json.Nodes;
using TokenLab.Emulator.Auth;
using TokenLab.Emulator.Catalog;
using TokenLab.Emulator.Endpoints.Realtime;
using TokenLab.Emulator.Faults;
using TokenLab.Emulator.Pipeline;

namespace TokenLab.Emulator.Endpoints;

/// <summary>
/// <c>GET /v1/realtime</c>. A plain HTTP request (no WebSocket upgrade) gets the endpoint metadata; an upgrade
/// with a valid key and a realtime model opens a session (see <see cref="RealtimeConnection"/>).
/// </summary>
internal static class RealtimeEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/v1/realtime", HandleAsync).AddEndpointFilter<RejectInvalidApiKeyFilter>();

    private static async Task<IResult> HandleAsync(
        HttpContext context, ModelCatalog catalog, RealtimeSessionLog sessions, EmulatorOptions options, TimeProvider time, IHostApplicationLifetime lifetime)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return Describe();
        }

        var (model, rejection) = RealtimeHandshake.Check(context, catalog);
        if (rejection is not null)
        {
            return rejection;
        }

        var request = EmulatorRequestContext.Get(context);
        var dialect = RealtimeHandshake.DialectFor(context, model!);
        var sessionId = RealtimeIds.New("sess");
        var entry = sessions.TryOpen(sessionId, model!.Id, dialect, request.RequestId, request.AppliedFault, time.GetUtcNow());
        if (entry is null)
        {
            return ApiErrors.Result(StatusCodes.Status429TooManyRequests, ApiErrors.ForStatus(StatusCodes.Status429TooManyRequests) with
            {
                Message = $"Too many concurrent realtime sessions: the emulator allows {RealtimeLimits.MaxConcurrentSessions}.",
            });
        }

        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync(RealtimeHandshake.SubProtocol(context));
            var config = new RealtimeSessionConfig(
                sessionId, model.Id, dialect, RealtimeHandshake.WantsTranscription(context), (time.GetUtcNow() + RealtimeLimits.SessionLifetime).ToUnixTimeSeconds());
            var fault = request.EndpointFault is { Kind: FaultKind.Close or FaultKind.Disconnect } sessionFault ? sessionFault : null;
            await RealtimeConnection.RunAsync(context, socket, config, entry, fault, time, options.RealtimePace, lifetime.ApplicationStopping);
        }
        finally
        {
            // Only if nothing recorded the end already (an upgrade that failed half-way).
            entry.Ended(RealtimeSessionEnd.ClientLost, time.GetUtcNow());
        }

        return Results.Empty;
    }

    private static IResult Describe() => Results.Json<JsonNode>(
        new JsonObject
        {
            ["object"] = "realtime.endpoint",
            ["websocket_url"] = "/v1/realtime?model={model}",
            ["protocol"] = "tokenlab_realtime_proxy",
        },
        EmulatorJson.Options);
}
