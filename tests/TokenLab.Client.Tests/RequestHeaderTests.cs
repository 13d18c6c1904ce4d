using TokenLab.Client.Tests.Infrastructure;
using TokenLab.Emulator;

namespace TokenLab.Client.Tests;

public sealed class RequestHeaderTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture emulator;

    public RequestHeaderTests(EmulatorFixture emulator)
    {
        this.emulator = emulator;
        emulator.Reset();
    }

    private async Task<RecordedRequest> SendAsync(Action<TokenLabClientOptions>? configure = null)
    {
        await emulator.CreateClient(configure).Client.ListModelsAsync(new ModelListQuery { Category = "tts" }, CancellationToken.None);
        return Assert.Single(emulator.Requests);
    }

    [Fact]
    public async Task DefaultHeadersAreSent()
    {
        RecordedRequest request = await SendAsync();

        Assert.Matches(@"^TokenLab\.Client/0\.1\.0 \([^()]+; \.NET [^()]+\)$", request.Headers["User-Agent"]);
        Assert.Equal("application/json", request.Headers["Accept"]);
        Assert.Equal("Bearer sk-\u2026d5Ny", request.Headers["Authorization"]);
        Assert.Equal(ApiKeyStatus.Valid, request.ApiKeyStatus);
        Assert.False(request.Headers.ContainsKey("X-TokenLab-Delivery-Policy"));
    }

    [Fact]
    public async Task CustomUserAgentAndDeliveryPolicyAreSent()
    {
        RecordedRequest request = await SendAsync(o => { o.UserAgent = "MyRunbook/2.0 (contoso)"; o.DeliveryPolicy = "verified"; });

        Assert.Equal("MyRunbook/2.0 (contoso)", request.Headers["User-Agent"]);
        Assert.Equal("verified", request.Headers["X-TokenLab-Delivery-Policy"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task NoAuthorizationWithoutKey(string? key)
    {
        RecordedRequest request = await SendAsync(o => o.ApiKey = key);

        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.Equal(ApiKeyStatus.None, request.ApiKeyStatus);
    }

    [Fact]
    public async Task TraceListsTheCallAndHeadersWithAuthorizationRedacted()
    {
        var test = emulator.CreateClient();
        var response = await test.Client.ListModelsAsync(new ModelListQuery { RecommendedFor = "tts" }, CancellationToken.None);

        Assert.Equal("GET " + emulator.BaseUri + "v1/models?recommended_for=tts", test.Trace.VerboseLines[0]);
        Assert.Matches(@"^200 OK in \d+ ms, request ID " + response.Metadata.RequestId + "$", test.Trace.VerboseLines[1]);
        Assert.Contains("> Authorization: Bearer <redacted>", test.Trace.DebugLines);
        Assert.Contains("> Accept: application/json", test.Trace.DebugLines);
        Assert.Contains("< X-Request-ID: " + response.Metadata.RequestId, test.Trace.DebugLines);
        Assert.Contains(test.Trace.DebugLines, line => line.StartsWith("< Content-Type: application/json", StringComparison.Ordinal));
        Assert.Contains(test.Trace.DebugLines, line => line.StartsWith("< X-RateLimit-Limit: 1000", StringComparison.Ordinal));
    }
}
