using System.Text.Json.Nodes;
using TokenLab.Emulator.Auth;

namespace TokenLab.Emulator.Endpoints;

/// <summary><c>GET /v1/realtime</c>. A plain HTTP request (no WebSocket upgrade) gets the endpoint metadata.</summary>
internal static class RealtimeEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/v1/realtime", Describe).AddEndpointFilter<RejectInvalidApiKeyFilter>();

    private static IResult Describe() => Results.Json<JsonNode>(
        new JsonObject
        {
            ["object"] = "realtime.endpoint",
            ["websocket_url"] = "/v1/realtime?model={model}",
            ["protocol"] = "tokenlab_realtime_proxy",
        },
        EmulatorJson.Options);
}
