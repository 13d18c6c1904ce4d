using TokenLab.Client.Tests.Infrastructure;
using TokenLab.Emulator.Faults;

namespace TokenLab.Client.Tests;

public sealed class TimeoutAndCancellationTests : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(300);
    private readonly EmulatorFixture emulator;

    public TimeoutAndCancellationTests(EmulatorFixture emulator)
    {
        this.emulator = emulator;
        emulator.Reset();
    }

    [Theory]
    [InlineData(FaultKind.Stall)]
    [InlineData(FaultKind.Drip)]
    public async Task BodyThatNeverFinishesTimesOut(FaultKind kind)
    {
        var test = emulator.CreateClient(o => o.Timeout = ShortTimeout);
        emulator.AddFault(new FaultSpec { Kind = kind, DripBytesPerSecond = kind == FaultKind.Drip ? 100 : null });

        var error = await Assert.ThrowsAsync<TokenLabTimeoutException>(() => test.Client.GetModelAsync("tts-1", CancellationToken.None));

        Assert.Equal(ShortTimeout, error.Timeout);
        Assert.Equal("The TokenLab request did not complete within the timeout of 300 ms.", error.Message);
        Assert.Single(emulator.Requests);
    }

    [Fact]
    public async Task SlowHeadersTimeOut()
    {
        var test = emulator.CreateClient(o => o.Timeout = ShortTimeout);
        emulator.AddFault(new FaultSpec { Kind = FaultKind.Latency, LatencyMs = 10_000 });

        var error = await Assert.ThrowsAsync<TokenLabTimeoutException>(() => test.Client.ListModelsAsync(new ModelListQuery(), CancellationToken.None));

        Assert.Equal(ShortTimeout, error.Timeout);
        Assert.Empty(test.Delays.Waits);
    }

    [Fact]
    public async Task TimeoutDuringABackoffWaitIsATimeout()
    {
        var test = emulator.CreateClient(o =>
        {
            // Room for the first attempt even on a loaded machine, and the shortest backoff (0.25 s).
            o.Timeout = TimeSpan.FromSeconds(2);
            o.JitterSource = new FixedRandom(0);
            o.Delay = (wait, token) => Task.Delay(Timeout.InfiniteTimeSpan, token);
        });
        emulator.AddFault(new FaultSpec { Status = 503, Count = 0 });

        var error = await Assert.ThrowsAsync<TokenLabTimeoutException>(() => test.Client.ListModelsAsync(new ModelListQuery(), CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(2), error.Timeout);
        Assert.Single(emulator.Requests);
    }

    [Theory]
    [InlineData(FaultKind.Stall)]
    [InlineData(FaultKind.Latency)]
    public async Task CallerCancellationIsOperationCanceledNotTimeout(FaultKind kind)
    {
        var test = emulator.CreateClient(o => o.Timeout = TimeSpan.FromSeconds(20));
        emulator.AddFault(new FaultSpec { Kind = kind, LatencyMs = kind == FaultKind.Latency ? 10_000 : 0 });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => test.Client.GetModelAsync("tts-1", cancellation.Token));

        Assert.Equal(cancellation.Token, error.CancellationToken);
    }

    [Fact]
    public async Task CallerCancellationDuringBackoffIsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        var test = emulator.CreateClient(o => o.Delay = (wait, token) =>
        {
            cancellation.Cancel();
            return Task.Delay(wait, token);
        });
        emulator.AddFault(new FaultSpec { Status = 503, Count = 0 });

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => test.Client.GetModelAsync("tts-1", cancellation.Token));

        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.Single(emulator.Requests);
    }

    [Fact]
    public async Task AlreadyCancelledTokenSendsNothing()
    {
        var test = emulator.CreateClient();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => test.Client.GetModelAsync("tts-1", new CancellationToken(canceled: true)));

        Assert.Empty(emulator.Requests);
    }
}
