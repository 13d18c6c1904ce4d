using System.Net.Http;
using TokenLab.Client.Tests.Infrastructure;
using TokenLab.Emulator.Faults;

namespace TokenLab.Client.Tests;

public sealed class RetryTests : IClassFixture<EmulatorFixture>
{
    private const string Path = "/v1/models/tts-1";
    private readonly EmulatorFixture emulator;

    public RetryTests(EmulatorFixture emulator)
    {
        this.emulator = emulator;
        emulator.Reset();
    }

    private static Task<TokenLabResponse<Models.TokenLabModel>> GetAsync(ClientUnderTest test) =>
        test.Client.GetModelAsync("tts-1", CancellationToken.None);

    [Theory]
    [InlineData(408)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task TransientStatusIsRetriedAndThenSucceeds(int status)
    {
        var test = emulator.CreateClient();
        emulator.AddFault(new FaultSpec { Match = Path, Status = status, Count = 1 });

        var response = await GetAsync(test);

        Assert.Equal("tts-1", response.Value.Id);
        Assert.Equal(2, response.Metadata.Attempts);
        Assert.Equal([status, 200], emulator.Requests.Select(r => r.StatusCode));
        TimeSpan wait = Assert.Single(test.Delays.Waits);
        Assert.InRange(wait, TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(0.5));
        Assert.Contains(test.Trace.VerboseLines, line => line.StartsWith($"Retrying in {(int)wait.TotalMilliseconds} ms after {status} (attempt 2 of 4)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PersistentServerErrorFailsAfterMaxRetriesWithJitteredBackoff()
    {
        var test = emulator.CreateClient(o => { o.MaxRetries = 4; o.JitterSource = new Random(); });
        emulator.AddFault(new FaultSpec { Match = Path, Status = 503, Count = 0 });

        var error = await Assert.ThrowsAsync<TokenLabApiException>(() => GetAsync(test));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(5, error.Metadata.Attempts);
        Assert.Equal(5, emulator.Requests.Count);
        Assert.Equal(emulator.Requests[^1].RequestId, error.RequestId);
        double[] nominal = [0.5, 1, 2, 4];
        Assert.Equal(nominal.Length, test.Delays.Waits.Count);
        for (int i = 0; i < nominal.Length; i++)
        {
            Assert.InRange(test.Delays.Waits[i], TimeSpan.FromSeconds(nominal[i] / 2), TimeSpan.FromSeconds(nominal[i]));
        }

        Assert.Contains(test.Trace.VerboseLines, line => line.Contains("after 503 (attempt 5 of 5)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(402)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(413)]
    public async Task ClientErrorsAreNeverRetried(int status)
    {
        var test = emulator.CreateClient();
        emulator.AddFault(new FaultSpec { Match = Path, Status = status, Count = 0, Retryable = true, RetryAfter = 1 });

        var error = await Assert.ThrowsAsync<TokenLabApiException>(() => GetAsync(test));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(1, error.Metadata.Attempts);
        Assert.Single(emulator.Requests);
        Assert.Empty(test.Delays.Waits);
    }

    [Fact]
    public async Task ExplicitlyNonRetryableServerErrorIsNotRetried()
    {
        var test = emulator.CreateClient();
        emulator.AddFault(new FaultSpec { Match = Path, Status = 503, Count = 0, Retryable = false });

        var error = await Assert.ThrowsAsync<TokenLabApiException>(() => GetAsync(test));

        Assert.False(error.Retryable);
        Assert.Single(emulator.Requests);
    }

    [Fact]
    public async Task RetryAfterHeaderIsHonoured()
    {
        var test = emulator.CreateClient();
        emulator.AddFault(new FaultSpec { Match = Path, Status = 429, RetryAfter = 7, RetryAfterBody = 3 });

        var response = await GetAsync(test);

        Assert.Equal(2, response.Metadata.Attempts);
        Assert.Equal([TimeSpan.FromSeconds(7)], test.Delays.Waits);
        Assert.Contains("Retrying in 7 s after 429 (attempt 2 of 4)", test.Trace.VerboseLines);
    }

    [Fact]
    public async Task BodyRetryAfterIsHonouredWithoutHeader()
    {
        var test = emulator.CreateClient();
        emulator.AddFault(new FaultSpec { Match = Path, Status = 503, RetryAfterBody = 2.5 });

        await GetAsync(test);

        Assert.Equal([TimeSpan.FromSeconds(2.5)], test.Delays.Waits);
    }

    [Fact]
    public async Task RetryAfterBeyondMaxRetryWaitFailsAtOnce()
    {
        var test = emulator.CreateClient(o => o.MaxRetryWait = TimeSpan.FromSeconds(60));
        emulator.AddFault(new FaultSpec { Match = Path, Status = 429, RetryAfter = 120, Count = 0 });

        var error = await Assert.ThrowsAsync<TokenLabApiException>(() => GetAsync(test));

        Assert.True(error.RetryWaitExceedsLimit);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Equal(1, error.Metadata.Attempts);
        Assert.Contains("the server asked to wait 120 s before retrying, longer than MaxRetryWait (60 s)", error.Message, StringComparison.Ordinal);
        Assert.Single(emulator.Requests);
        Assert.Empty(test.Delays.Waits);
    }

    [Fact]
    public async Task WaitThatWouldOutlastTheTimeoutIsNotStarted()
    {
        var test = emulator.CreateClient(o => o.Timeout = TimeSpan.FromSeconds(5));
        emulator.AddFault(new FaultSpec { Match = Path, Status = 503, RetryAfter = 20, Count = 0 });

        var error = await Assert.ThrowsAsync<TokenLabApiException>(() => GetAsync(test));

        Assert.False(error.RetryWaitExceedsLimit);
        Assert.Equal(TimeSpan.FromSeconds(20), error.RetryAfter);
        Assert.Single(emulator.Requests);
        Assert.Empty(test.Delays.Waits);
        Assert.Contains(test.Trace.VerboseLines, line => line.StartsWith("Not retrying after 503: waiting 20 s would exceed the timeout of 5 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConnectionResetIsRetried()
    {
        var test = emulator.CreateClient();
        emulator.AddFault(new FaultSpec { Match = Path, Kind = FaultKind.Reset });

        var response = await GetAsync(test);

        Assert.Equal(2, response.Metadata.Attempts);
        Assert.Equal(2, emulator.Requests.Count);
        Assert.Single(test.Delays.Waits);
        Assert.Contains(test.Trace.VerboseLines, line => line.Contains("after a connection failure (attempt 2 of 4)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PersistentResetBecomesConnectionError()
    {
        var test = emulator.CreateClient(o => o.MaxRetries = 1);
        emulator.AddFault(new FaultSpec { Match = Path, Kind = FaultKind.Reset, Count = 0 });

        var error = await Assert.ThrowsAsync<TokenLabConnectionException>(() => GetAsync(test));

        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.StartsWith("Could not get a response from TokenLab at " + emulator.BaseUri.GetLeftPart(UriPartial.Authority) + " after 2 attempts: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, emulator.Requests.Count);
    }

    [Fact]
    public async Task UnreachableServerBecomesConnectionError()
    {
        var test = emulator.CreateClient(o => { o.BaseUri = new Uri("http://127.0.0.1:1/"); o.MaxRetries = 2; });

        var error = await Assert.ThrowsAsync<TokenLabConnectionException>(() => GetAsync(test));

        Assert.Contains("after 3 attempts", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, test.Delays.Waits.Count);
    }

    [Fact]
    public async Task TruncatedSuccessBodyIsAProtocolErrorAndNotRetried()
    {
        var test = emulator.CreateClient();
        emulator.AddFault(new FaultSpec { Match = Path, Kind = FaultKind.Truncate, Count = 0 });

        var error = await Assert.ThrowsAsync<TokenLabProtocolException>(() => GetAsync(test));

        Assert.Single(emulator.Requests);
        Assert.Empty(test.Delays.Waits);
        Assert.Equal(emulator.Requests[0].RequestId, error.RequestId);
        Assert.StartsWith("TokenLab answered 200 but its response body was cut off or unreadable: ", error.Message, StringComparison.Ordinal);
    }
}
