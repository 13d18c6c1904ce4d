using System.Net;
using System.Net.Http;
using TokenLab.Client.Http;
using TokenLab.Client.Tests.Infrastructure;
using TokenLab.Emulator;
using TokenLab.Emulator.Faults;

namespace TokenLab.Client.Tests;

/// <summary>
/// A 429 that carries only TokenLab's X-RateLimit-* headers (no Retry-After, no retry_after): the client waits until
/// X-RateLimit-Reset, under MaxRetryWait, instead of spending its retries inside the same window. The emulator's clock
/// and the client's are the same fixed instant, 17 s before the window resets; waits are recorded, never slept.
/// </summary>
public sealed class RateLimitResetTests : IAsyncLifetime
{
    private const string Path = "/v1/models/tts-1";
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 43, TimeSpan.Zero);
    private static readonly DateTimeOffset WindowResets = new(2026, 11, 1, 9, 1, 0, TimeSpan.Zero);

    private EmulatorServer? server;

    private EmulatorServer Server => server ?? throw new InvalidOperationException("The emulator has not started.");

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions { Time = new FixedClock(Now) };
        options.ApiKeys[EmulatorFixture.ApiKey] = null;
        server = await EmulatorServer.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        if (server != null)
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A429WithoutRetryAfterWaitsUntilTheWindowResets()
    {
        var (client, delays) = CreateClient(TimeSpan.FromSeconds(60));
        Server.Faults.Add(new FaultSpec { Match = Path, Status = 429, Count = 1 });

        var response = await client.GetModelAsync("tts-1", CancellationToken.None);

        Assert.Equal(2, response.Metadata.Attempts);
        Assert.Equal([WindowResets - Now], delays.Waits);
        Assert.Equal(TimeSpan.FromSeconds(17), delays.Waits[0]);
    }

    [Fact]
    public async Task AResetBeyondMaxRetryWaitFailsAtOnceSayingWhenTheWindowResets()
    {
        var (client, delays) = CreateClient(TimeSpan.FromSeconds(10));
        Server.Faults.Add(new FaultSpec { Match = Path, Status = 429, Count = 0 });

        var error = await Assert.ThrowsAsync<TokenLabApiException>(() => client.GetModelAsync("tts-1", CancellationToken.None));

        Assert.True(error.RetryWaitExceedsLimit);
        Assert.Equal(TimeSpan.FromSeconds(17), error.RetryAfter);
        Assert.Equal(1, error.Metadata.Attempts);
        Assert.Empty(delays.Waits);
        Assert.Contains("the rate-limit window resets in 17 s (at 2026-11-01 09:01:00 UTC), later than MaxRetryWait (10 s) allows", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1793523660", 17)]
    [InlineData("17", 17)]
    [InlineData("0", 0)]
    [InlineData("1793523600", 0)]
    public void TheRateLimitResetIsAUnixTimeOrSecondsByItsSize(string header, double expectedSeconds)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1793523643);
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("X-RateLimit-Reset", header);

        Assert.Equal(now.AddSeconds(expectedSeconds), RetryPolicy.RateLimitReset(response, now));
    }

    [Fact]
    public void NoRateLimitResetHeaderMeansNoReset()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Null(RetryPolicy.RateLimitReset(response, DateTimeOffset.UtcNow));
    }

    private (TokenLabClient Client, RecordingDelay Delays) CreateClient(TimeSpan maxRetryWait)
    {
        var delays = new RecordingDelay();
        var client = new TokenLabClient(new TokenLabClientOptions
        {
            BaseUri = Server.BaseUri,
            ApiKey = EmulatorFixture.ApiKey,
            // Longer than the wait, so the timeout does not cut it short (nothing is slept).
            Timeout = TimeSpan.FromMinutes(2),
            MaxRetryWait = maxRetryWait,
            Delay = delays.DelayAsync,
            UtcNow = () => Now,
            JitterSource = new Random(42),
        });
        return (client, delays);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
