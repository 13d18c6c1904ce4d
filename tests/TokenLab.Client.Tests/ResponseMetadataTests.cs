using TokenLab.Client.Tests.Infrastructure;
using TokenLab.Emulator.Faults;

namespace TokenLab.Client.Tests;

public sealed class ResponseMetadataTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture emulator;
    private readonly TokenLabClient client;

    public ResponseMetadataTests(EmulatorFixture emulator)
    {
        this.emulator = emulator;
        emulator.Reset();
        client = emulator.CreateClient(o => o.MaxRetries = 0).Client;
    }

    private Task<TokenLabApiException> FailAsync() =>
        Assert.ThrowsAsync<TokenLabApiException>(() => client.GetModelAsync("tts-1", CancellationToken.None));

    [Fact]
    public async Task SuccessCarriesRequestIdRateLimitsAttemptsAndElapsed()
    {
        ResponseMetadata metadata = (await client.GetModelAsync("tts-1", CancellationToken.None)).Metadata;

        Assert.Equal(200, metadata.StatusCode);
        Assert.Equal(Assert.Single(emulator.Requests).RequestId, metadata.RequestId);
        Assert.StartsWith("req_", metadata.RequestId, StringComparison.Ordinal);
        Assert.Equal(1000, metadata.RateLimitLimit);
        Assert.InRange(metadata.RateLimitRemaining!.Value, 0, 999);
        Assert.InRange(metadata.RateLimitReset!.Value, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(2));
        Assert.Equal(1, metadata.Attempts);
        Assert.True(metadata.Elapsed > TimeSpan.Zero);
        Assert.Null(metadata.BillingTransactionId);
        Assert.Null(metadata.TaskId);
        Assert.Null(metadata.RoutingTimeMs);
    }

    [Fact]
    public async Task RequestIdFromLegacyHeaderOnSuccess()
    {
        emulator.AddFault(new FaultSpec { Kind = FaultKind.Latency, RequestId = RequestIdPlacement.LegacyHeader });

        ResponseMetadata metadata = (await client.GetModelAsync("tts-1", CancellationToken.None)).Metadata;

        Assert.Equal(Assert.Single(emulator.Requests).RequestId, metadata.RequestId);
    }

    [Fact]
    public async Task ErrorRequestIdComesFromBodyBeforeHeader()
    {
        emulator.AddFault(new FaultSpec
        {
            Status = 500,
            RequestId = RequestIdPlacement.Header,
            ContentType = "application/json",
            RawBody = """{"error":{"message":"boom","type":"server_error","request_id":"req_FROMBODY"}}""",
        });

        var error = await FailAsync();

        Assert.NotEqual("req_FROMBODY", emulator.Requests[0].RequestId);
        Assert.Equal("req_FROMBODY", error.RequestId);
        Assert.Equal("req_FROMBODY", error.Metadata.RequestId);
        Assert.EndsWith("(request ID req_FROMBODY)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RequestIdPlacement.Body)]
    [InlineData(RequestIdPlacement.Header)]
    [InlineData(RequestIdPlacement.LegacyHeader)]
    public async Task ErrorRequestIdIsFoundWhereverTheServerPutsIt(RequestIdPlacement placement)
    {
        emulator.AddFault(new FaultSpec { Status = 503, RequestId = placement });

        var error = await FailAsync();

        string expected = Assert.Single(emulator.Requests).RequestId;
        Assert.Equal(expected, error.RequestId);
        Assert.Equal(expected, error.Metadata.RequestId);
        Assert.Contains("(request ID " + expected + ")", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingRequestIdIsNull()
    {
        emulator.AddFault(new FaultSpec { Status = 503, RequestId = RequestIdPlacement.None });

        var error = await FailAsync();

        Assert.Null(error.RequestId);
        Assert.DoesNotContain("request ID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorMetadataCarriesRateLimitsAndTiming()
    {
        emulator.AddFault(new FaultSpec { Status = 429, RetryAfter = 8 });

        var error = await FailAsync();

        Assert.Equal(429, error.Metadata.StatusCode);
        Assert.Equal(1000, error.Metadata.RateLimitLimit);
        Assert.Equal(0, error.Metadata.RateLimitRemaining);
        Assert.NotNull(error.Metadata.RateLimitReset);
        Assert.Equal(1, error.Metadata.Attempts);
        Assert.True(error.Metadata.Elapsed > TimeSpan.Zero);
    }
}
