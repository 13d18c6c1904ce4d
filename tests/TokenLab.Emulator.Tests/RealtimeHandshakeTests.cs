using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using TokenLab.Emulator.Faults;

namespace TokenLab.Emulator.Tests;

/// <summary>The WebSocket upgrade of <c>/v1/realtime</c>: what it accepts and the documented rejections.</summary>
public sealed class RealtimeHandshakeTests : IClassFixture<RealtimeHandshakeTests.Fixture>
{
    private const string LimitedKey = "sk-limited-realtime-0001";

    private readonly Fixture _emulator;

    public RealtimeHandshakeTests(Fixture emulator)
    {
        emulator.Reset();
        _emulator = emulator;
    }

    [Fact]
    public async Task APlainGetStillDescribesTheEndpoint()
    {
        var body = await _emulator.Client.GetJsonAsync("/v1/realtime");

        Assert.Equal("realtime.endpoint", body.GetProperty("object").GetString());
        Assert.Equal("tokenlab_realtime_proxy", body.GetProperty("protocol").GetString());
    }

    [Fact]
    public async Task AValidUpgradeOpensASessionAndIsLogged()
    {
        await using (var socket = await RealtimeTestSocket.ConnectAsync(_emulator.Server.BaseUri, "gpt-realtime"))
        {
            var created = await socket.ReceiveTypeAsync("session.created");
            Assert.StartsWith("sess_", created.GetProperty("session").GetProperty("id").GetString());
        }

        var upgrade = Assert.Single(_emulator.Server.RequestLog.Snapshot(), request => request.Path == "/v1/realtime");
        Assert.Equal(101, upgrade.StatusCode);
        Assert.Equal("Bearer sk-…-key", upgrade.Headers["Authorization"]);
        var session = Assert.Single(_emulator.Server.RealtimeSessions.Snapshot());
        Assert.Equal(upgrade.RequestId, session.RequestId);
        Assert.Equal("gpt-realtime", session.Model);
    }

    [Theory]
    [InlineData(null, null, 401, "invalid_api_key")]
    [InlineData("Bearer sk-not-a-known-key-1234", "gpt-realtime", 401, "invalid_api_key")]
    [InlineData("Bearer " + EmulatorOptions.DefaultApiKey, null, 400, null)]
    [InlineData("Bearer " + EmulatorOptions.DefaultApiKey, "gpt-realtme", 400, "model_not_found")]
    [InlineData("Bearer " + EmulatorOptions.DefaultApiKey, "tts-1", 400, "no_contract_compatible_route")]
    [InlineData("Bearer " + LimitedKey, "gpt-realtime", 403, "model_not_allowed")]
    public async Task ARejectedUpgradeGetsTheDocumentedJsonError(string? authorization, string? model, int status, string? code)
    {
        using var response = await SendUpgradeAsync(authorization, model);
        var body = await response.ReadJsonAsync();
        var error = body.GetProperty("error");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, error.TryGetProperty("code", out var actual) ? actual.GetString() : null);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal(response.Header("X-Request-ID"), error.GetProperty("request_id").GetString());
        Assert.Empty(_emulator.Server.RealtimeSessions.Snapshot());
    }

    [Fact]
    public async Task AMissingModelIsAValidationError()
    {
        using var response = await SendUpgradeAsync("Bearer " + EmulatorOptions.DefaultApiKey, null);
        var body = await response.ReadJsonAsync();

        Assert.Equal("model", body.GetProperty("error").GetProperty("param").GetString());
        Assert.Equal("model", body.GetProperty("validation_errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task AnUnknownModelSuggestsARealtimeModel()
    {
        using var response = await SendUpgradeAsync("Bearer " + EmulatorOptions.DefaultApiKey, "gpt-realtme");

        Assert.Equal("gpt-realtime", (await response.ReadJsonAsync()).GetProperty("error").GetProperty("did_you_mean").GetString());
    }

    [Theory]
    [InlineData(402, "insufficient_balance")]
    [InlineData(429, "rate_limit_exceeded")]
    public async Task AStatusFaultRejectsTheUpgrade(int status, string code)
    {
        _emulator.Server.Faults.Add(new FaultSpec { Match = "/v1/realtime", Status = status, RetryAfter = status == 429 ? 7 : null });

        using var response = await SendUpgradeAsync("Bearer " + EmulatorOptions.DefaultApiKey, "gpt-realtime");
        var error = (await response.ReadJsonAsync()).GetProperty("error");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(response.Header("X-Request-ID"), error.GetProperty("request_id").GetString());
        if (status == 429)
        {
            Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        }
    }

    [Fact]
    public async Task ARealtimeFaultOnAPlainRequestDropsTheConnection()
    {
        _emulator.Server.Faults.Add(new FaultSpec { Match = "/v1/realtime", Kind = FaultKind.Disconnect });

        await Assert.ThrowsAsync<HttpRequestException>(() => _emulator.Client.GetAsync("/v1/realtime"));
    }

    [Theory]
    [InlineData("""{"kind":"close","closeStatus":1005}""", "closeStatus")]
    [InlineData("""{"kind":"status","afterEvent":"response.done"}""", "afterEvent")]
    public void InvalidRealtimeFaultsAreRejected(string json, string problem)
    {
        var spec = JsonSerializer.Deserialize<FaultSpec>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) } })!;

        Assert.Contains(spec.Validate(), message => message.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheEmulatorTunnelsAWebSocketToItselfAsAProxy()
    {
        using var handler = new SocketsHttpHandler { Proxy = new WebProxy(_emulator.Server.BaseUri), UseProxy = true };
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + EmulatorOptions.DefaultApiKey);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await socket.ConnectAsync(RealtimeTestSocket.WebSocketUri(_emulator.Server.BaseUri, "gpt-realtime"), new HttpMessageInvoker(handler), timeout.Token);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);

        var requests = _emulator.Server.RequestLog.Snapshot();
        Assert.Equal(["CONNECT", "GET"], requests.Select(request => request.Method));
        Assert.Equal(_emulator.Server.BaseUri.Authority, requests[0].Path);
        Assert.Equal(200, requests[0].StatusCode);
    }

    [Fact]
    public async Task TheTunnelRefusesOtherTargets()
    {
        using var handler = new SocketsHttpHandler { Proxy = new WebProxy(_emulator.Server.BaseUri), UseProxy = true };
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(new Uri("ws://192.0.2.1:9/v1/realtime?model=gpt-realtime"), new HttpMessageInvoker(handler), timeout.Token));

        var connect = Assert.Single(_emulator.Server.RequestLog.Snapshot());
        Assert.Equal("CONNECT", connect.Method);
        Assert.Equal(403, connect.StatusCode);
    }

    private async Task<HttpResponseMessage> SendUpgradeAsync(string? authorization, string? model)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, model is null ? "/v1/realtime" : "/v1/realtime?model=" + model);
        request.Headers.TryAddWithoutValidation("Connection", "Upgrade");
        request.Headers.TryAddWithoutValidation("Upgrade", "websocket");
        request.Headers.TryAddWithoutValidation("Sec-WebSocket-Version", "13");
        request.Headers.TryAddWithoutValidation("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await _emulator.Client.SendAsync(request);
    }

    public sealed class Fixture : EmulatorFixture
    {
        protected override EmulatorOptions CreateOptions()
        {
            var options = new EmulatorOptions();
            options.ApiKeys[LimitedKey] = ["tts-1"];
            return options;
        }
    }
}
