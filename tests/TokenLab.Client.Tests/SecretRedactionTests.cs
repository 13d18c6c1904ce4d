using TokenLab.Client.Tests.Infrastructure;
using TokenLab.Emulator.Faults;

namespace TokenLab.Client.Tests;

/// <summary>The key must not surface anywhere a user or a log could see it, even when the server echoes it.</summary>
public sealed class SecretRedactionTests : IClassFixture<EmulatorFixture>
{
    private const string Key = EmulatorFixture.ApiKey;
    private static readonly string Masked = ApiKeyMask.Mask(Key);
    private readonly EmulatorFixture emulator;

    public SecretRedactionTests(EmulatorFixture emulator)
    {
        this.emulator = emulator;
        emulator.Reset();
    }

    private static void AssertNoKey(Exception error, RecordingTrace trace)
    {
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
        if (error is TokenLabApiException api)
        {
            Assert.DoesNotContain(Key, api.Body ?? string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain(Key, api.ServerMessage, StringComparison.Ordinal);
        }

        Assert.NotEmpty(trace.DebugLines);
        Assert.All(trace.AllLines, line => Assert.DoesNotContain(Key, line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeyEchoedInAJsonErrorIsMasked()
    {
        var test = emulator.CreateClient(o => o.MaxRetries = 1);
        emulator.AddFault(new FaultSpec { Status = 500, Count = 0, Message = "Upstream rejected key " + Key + " for model tts-1" });

        var error = await Assert.ThrowsAsync<TokenLabApiException>(() => test.Client.GetModelAsync("tts-1", CancellationToken.None));

        AssertNoKey(error, test.Trace);
        Assert.Equal("Upstream rejected key " + Masked + " for model tts-1", error.ServerMessage);
        Assert.Contains(Masked, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyEchoedInAnHtmlPageIsMasked()
    {
        var test = emulator.CreateClient(o => o.MaxRetries = 0);
        emulator.AddFault(new FaultSpec { Status = 502, ContentType = "text/html", RawBody = "<html><title>Denied " + Key + "</title></html>" });

        var error = await Assert.ThrowsAsync<TokenLabApiException>(() => test.Client.GetModelAsync("tts-1", CancellationToken.None));

        AssertNoKey(error, test.Trace);
        Assert.Contains("Denied " + Masked, error.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherFailuresDoNotShowTheKey()
    {
        var timeoutTest = emulator.CreateClient(o => o.Timeout = TimeSpan.FromMilliseconds(200));
        emulator.AddFault(new FaultSpec { Kind = FaultKind.Stall });
        AssertNoKey(await Assert.ThrowsAsync<TokenLabTimeoutException>(() => timeoutTest.Client.GetModelAsync("tts-1", CancellationToken.None)), timeoutTest.Trace);

        var truncateTest = emulator.CreateClient();
        emulator.AddFault(new FaultSpec { Kind = FaultKind.Truncate });
        AssertNoKey(await Assert.ThrowsAsync<TokenLabProtocolException>(() => truncateTest.Client.GetModelAsync("tts-1", CancellationToken.None)), truncateTest.Trace);

        var resetTest = emulator.CreateClient(o => o.MaxRetries = 0);
        emulator.AddFault(new FaultSpec { Kind = FaultKind.Reset });
        AssertNoKey(await Assert.ThrowsAsync<TokenLabConnectionException>(() => resetTest.Client.GetModelAsync("tts-1", CancellationToken.None)), resetTest.Trace);

        var unknownModel = emulator.CreateClient();
        AssertNoKey(await Assert.ThrowsAsync<TokenLabApiException>(() => unknownModel.Client.GetModelAsync(Key, CancellationToken.None)), unknownModel.Trace);
    }

    [Fact]
    public async Task SuccessfulCallTraceDoesNotShowTheKey()
    {
        var test = emulator.CreateClient();

        var response = await test.Client.ListModelsAsync(new ModelListQuery(), CancellationToken.None);

        Assert.NotEmpty(response.Value);
        Assert.All(test.Trace.AllLines, line => Assert.DoesNotContain(Key, line, StringComparison.Ordinal));
        Assert.DoesNotContain(Key, test.Client.Options.ToString(), StringComparison.Ordinal);
    }
}
