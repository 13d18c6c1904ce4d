using System.Text.Json;
using TokenLab.Client.Realtime;
using TokenLab.Client.Tests.Infrastructure;
using TokenLab.Emulator.Endpoints.Realtime;
using TokenLab.Emulator.Faults;

namespace TokenLab.Client.Tests.Realtime;

/// <summary>RealtimeSession against the emulator over a real WebSocket: typing, sending, usage, close handling.</summary>
public sealed class RealtimeSessionTests : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly EmulatorFixture emulator;

    public RealtimeSessionTests(EmulatorFixture emulator)
    {
        this.emulator = emulator;
        emulator.Reset();
    }

    [Fact]
    public async Task OpensWithTheBearerKeyAndLearnsTheSessionId()
    {
        using var session = await ConnectAsync("gpt-realtime");
        await session.WaitUntilCreatedAsync(Timeout());

        var upgrade = Assert.Single(emulator.Requests, r => r.Path == "/v1/realtime");
        Assert.Equal("?model=gpt-realtime", upgrade.Query);
        Assert.Equal("Bearer sk-\u2026" + EmulatorFixture.ApiKey[^4..], upgrade.Headers["Authorization"]); // the emulator's own log mask
        Assert.Equal("ws", session.Uri.Scheme);
        Assert.Equal(RealtimeSessionState.Open, session.State);
        Assert.Equal(RealtimeDialect.Ga, session.Dialect);
        Assert.Equal(upgrade.RequestId, session.RequestId);
        Assert.Equal(emulator.Server.RealtimeSessions.Snapshot().Single().SessionId, session.SessionId);
        var created = await session.ReceiveAsync(Timeout());
        Assert.Equal(RealtimeEventTypes.SessionCreated, created!.Type);
        Assert.Equal(1, created.Sequence);
    }

    [Fact]
    public async Task ATextTurnIsTypedAndItsUsageSummed()
    {
        using var session = await ConnectAsync("gpt-realtime");

        var first = await TurnAsync(session, "Hello there");
        var second = await TurnAsync(session, "Again");

        Assert.Equal("You said: Hello there", first.Transcript);
        Assert.Equal("You said: Hello there".Length * 50 * 48, first.AudioBytes);
        Assert.Equal("You said: Again", second.Transcript);
        Assert.Equal(2, session.Usage.Responses);
        Assert.Equal(first.Usage!.TotalTokens + second.Usage!.TotalTokens, session.Usage.TotalTokens);
        Assert.Equal(first.Usage.OutputAudioTokens + second.Usage.OutputAudioTokens, session.Usage.OutputAudioTokens);
        Assert.Equal(4, session.EventsSent);
        Assert.Equal(emulator.Server.RealtimeSessions.Snapshot().Single().ServerEventCount, session.EventsReceived);
    }

    [Fact]
    public async Task BetaNamesAreUnderstoodAsTheirGaNames()
    {
        using var session = await ConnectAsync("qwen-tts-realtime");
        await session.WaitUntilCreatedAsync(Timeout());

        var turn = await TurnAsync(session, "Beta please");

        Assert.Equal(RealtimeDialect.Beta, session.Dialect);
        Assert.Contains("response.audio.delta", turn.Types);
        Assert.Contains("response.audio_transcript.delta", turn.Types);
        Assert.Equal("You said: Beta please", turn.Transcript);
        Assert.True(turn.AudioBytes > 0);
    }

    [Fact]
    public async Task UnknownTypesPassThroughAndErrorsAreTyped()
    {
        using var session = await ConnectAsync("gpt-realtime");

        await session.SendAsync("""{"type":"response.dance","event_id":"evt_dance"}""", Timeout());
        var error = await ReceiveUntilAsync(session, RealtimeEventTypes.Error);
        await session.SendAsync("""{"type":"input_audio_buffer.clear"}""", Timeout());
        var cleared = await ReceiveUntilAsync(session, "input_audio_buffer.cleared");

        Assert.Equal("invalid_value", error[^1].Error!.Code);
        Assert.Equal("evt_dance", error[^1].Error!.ClientEventId);
        Assert.Equal("type", error[^1].Error!.Param);
        Assert.Equal(RealtimeSessionState.Open, session.State);
        var passedThrough = cleared[^1];
        Assert.Equal("input_audio_buffer.cleared", passedThrough.GaType);
        Assert.Equal("input_audio_buffer.cleared", JsonDocument.Parse(passedThrough.Json).RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task AudioIsSentInBoundedAppendEvents()
    {
        using var session = await ConnectAsync("gpt-realtime");
        using var pcm = new MemoryStream(new byte[(int)(1.2 * 48000)]);

        var events = await session.SendAudioAsync(pcm, null, Timeout());
        await session.SendAsync("""{"type":"input_audio_buffer.commit"}""", Timeout());
        await session.SendAsync("""{"type":"response.create"}""", Timeout());
        var done = await ReceiveUntilAsync(session, RealtimeEventTypes.OutputAudioTranscriptDone);

        Assert.Equal(3, events);
        Assert.Equal("I heard 1.2 seconds of audio.", done[^1].Transcript);
        Assert.Equal(
            ["input_audio_buffer.append", "input_audio_buffer.append", "input_audio_buffer.append", "input_audio_buffer.commit", "response.create"],
            emulator.Server.RealtimeSessions.Snapshot().Single().ClientEvents);
    }

    [Theory]
    [InlineData("{\"type\":", "not valid JSON")]
    [InlineData("[1,2]", "'type'")]
    [InlineData("{\"event_id\":\"x\"}", "'type'")]
    public async Task AnEventWithoutATypeIsRefusedBeforeSending(string json, string message)
    {
        using var session = await ConnectAsync("gpt-realtime");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => session.SendAsync(json, Timeout()));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, session.EventsSent);
    }

    [Theory]
    [InlineData(null, "gpt-realtime", 401, "invalid_api_key")]
    [InlineData(null, "gpt-realtme", 400, "model_not_found")]
    [InlineData(null, "tts-1", 400, "no_contract_compatible_route")]
    [InlineData(402, "gpt-realtime", 402, "insufficient_balance")]
    [InlineData(429, "gpt-realtime", 429, "rate_limit_exceeded")]
    public async Task ARejectedHandshakeReportsStatusCodeMessageAndRequestId(int? faultStatus, string model, int status, string code)
    {
        if (faultStatus is int fault)
        {
            emulator.AddFault(new FaultSpec { Match = "/v1/realtime", Status = fault, RetryAfter = fault == 429 ? 9 : null });
        }

        var test = emulator.CreateClient(o => o.ApiKey = status == 401 ? "sk-unknown-realtime-key-0001" : EmulatorFixture.ApiKey);
        var error = await Assert.ThrowsAsync<TokenLabApiException>(() => test.Client.ConnectRealtimeAsync(model, null, Timeout()));

        var upgrade = Assert.Single(emulator.Requests);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(code, error.ErrorCode);
        Assert.False(string.IsNullOrEmpty(error.ServerMessage));
        Assert.Equal(upgrade.RequestId, error.RequestId);
        Assert.Contains(upgrade.RequestId, error.Message, StringComparison.Ordinal);
        if (status == 429)
        {
            Assert.Equal(TimeSpan.FromSeconds(9), error.RetryAfter);
        }
    }

    [Fact]
    public async Task AMissingModelIsRefusedBeforeConnecting()
    {
        var test = emulator.CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => test.Client.ConnectRealtimeAsync(" ", null, Timeout()));

        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public async Task NoServerIsAConnectionFailureAndASlowHandshakeATimeout()
    {
        var closed = emulator.CreateClient(o => o.BaseUri = new Uri("http://127.0.0.1:" + ClosedPort() + "/"));
        await Assert.ThrowsAsync<TokenLabConnectionException>(() => closed.Client.ConnectRealtimeAsync("gpt-realtime", null, Timeout()));

        emulator.AddFault(new FaultSpec { Match = "/v1/realtime", Kind = FaultKind.Latency, LatencyMs = 5000 });
        var slow = emulator.CreateClient(o => o.Timeout = TimeSpan.FromMilliseconds(300));
        var timeout = await Assert.ThrowsAsync<TokenLabTimeoutException>(() => slow.Client.ConnectRealtimeAsync("gpt-realtime", null, Timeout()));
        Assert.Equal(TimeSpan.FromMilliseconds(300), timeout.Timeout);
    }

    [Fact]
    public async Task AServerCloseIsReportedAfterTheBufferedEventsAndNothingReconnects()
    {
        emulator.AddFault(new FaultSpec { Match = "/v1/realtime", Kind = FaultKind.Close, CloseStatus = 4000, CloseDescription = "beta_api_shape_disabled", AfterEvent = "response.done" });
        using var session = await ConnectAsync("gpt-realtime");
        await session.SendAsync("""{"type":"response.create"}""", Timeout());
        await session.Completion.WaitAsync(Timeout());

        var types = new List<string>();
        while (await session.ReceiveAsync(Timeout()) is { } next)
        {
            types.Add(next.Type);
        }

        Assert.Equal(RealtimeSessionState.Closed, session.State);
        Assert.Equal(RealtimeCloseReason.ClosedByServer, session.CloseReason);
        Assert.Equal(4000, session.CloseStatus);
        Assert.Equal("beta_api_shape_disabled", session.CloseDescription);
        Assert.Equal(RealtimeEventTypes.ResponseDone, types[^1]);
        Assert.Equal(session.EventsReceived, types.Count);
        var refused = await Assert.ThrowsAsync<TokenLabRealtimeClosedException>(() => session.SendAsync("""{"type":"response.create"}""", Timeout()));
        Assert.Equal(4000, refused.CloseStatus);
        Assert.Single(emulator.Requests, r => r.Path == "/v1/realtime");
    }

    [Fact]
    public async Task ADroppedConnectionIsAnAbnormalClose()
    {
        emulator.AddFault(new FaultSpec { Match = "/v1/realtime", Kind = FaultKind.Disconnect, AfterEvent = "response.output_audio.delta" });
        using var session = await ConnectAsync("gpt-realtime");

        await session.SendAsync("""{"type":"response.create"}""", Timeout());
        await session.Completion.WaitAsync(Timeout());

        Assert.Equal(RealtimeCloseReason.ConnectionLost, session.CloseReason);
        Assert.Equal(1006, session.CloseStatus);
        Assert.StartsWith("The connection was lost without a close frame", session.CloseDescription, StringComparison.Ordinal);
        Assert.Single(emulator.Requests, r => r.Path == "/v1/realtime");
    }

    [Fact]
    public async Task CloseSends1000AndTheServerSeesIt()
    {
        using var session = await ConnectAsync("gpt-realtime");
        await session.WaitUntilCreatedAsync(Timeout());

        await session.CloseAsync(Timeout());

        Assert.Equal(RealtimeSessionState.Closed, session.State);
        Assert.Equal(RealtimeCloseReason.ClosedByClient, session.CloseReason);
        Assert.Equal(1000, session.CloseStatus);
        var record = await WaitForEndAsync();
        Assert.Equal(RealtimeSessionEnd.ClosedByClient, record.End);
        Assert.Equal(1000, record.CloseStatus);
        Assert.Equal(RealtimeSession.ClientCloseDescription, record.CloseDescription);
        Assert.Equal(RealtimeEventTypes.SessionCreated, (await session.ReceiveAsync(Timeout()))!.Type);
    }

    [Fact]
    public async Task ASlowReaderHoldsBackTheSocketAndLosesNothing()
    {
        var bounds = new RealtimeSessionOptions { MaxBufferedEvents = 8 };
        using var session = await ConnectAsync("gpt-realtime", bounds);
        await session.SendAsync("""{"type":"response.create","response":{"metadata":{"emulator_audio_ms":"10000","emulator_chunk_ms":"20"}}}""", Timeout());

        while (session.BufferedEvents < bounds.MaxBufferedEvents)
        {
            await Task.Delay(10);
        }

        // Full: the loop holds the one event it read and reads no more until something is taken.
        var heldBack = session.EventsReceived;
        Assert.Equal(bounds.MaxBufferedEvents, session.BufferedEvents);
        Assert.InRange(heldBack, bounds.MaxBufferedEvents, bounds.MaxBufferedEvents + 1);

        var sequences = new List<long>();
        RealtimeEvent? next;
        do
        {
            next = await session.ReceiveAsync(Timeout());
            sequences.Add(next!.Sequence);
            Assert.InRange(session.BufferedEvents, 0, bounds.MaxBufferedEvents);
        }
        while (next.GaType != RealtimeEventTypes.ResponseDone);

        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        Assert.Equal(emulator.Server.RealtimeSessions.Snapshot().Single().ServerEventCount, session.EventsReceived);
    }

    [Fact]
    public async Task CancellingAWaitLeavesTheSessionOpen()
    {
        using var session = await ConnectAsync("gpt-realtime");
        await session.WaitUntilCreatedAsync(Timeout());
        Assert.NotNull(await session.ReceiveAsync(Timeout()));

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await session.ReceiveAsync(cancel.Token));

        Assert.Equal(RealtimeSessionState.Open, session.State);
        Assert.Equal("You said: still here", (await TurnAsync(session, "still here")).Transcript);
    }

    [Fact]
    public async Task CancellingOneWaitingReaderLeavesAnotherWaiting()
    {
        using var session = await ConnectAsync("gpt-realtime");
        await session.WaitUntilCreatedAsync(Timeout());
        Assert.NotNull(await session.ReceiveAsync(Timeout()));

        using var cancel = new CancellationTokenSource();
        ValueTask<RealtimeEvent?> cancelled = session.ReceiveAsync(cancel.Token);
        ValueTask<RealtimeEvent?> waiting = session.ReceiveAsync(Timeout());
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await cancelled);

        await session.SendAsync("{\"type\":\"input_audio_buffer.clear\"}", Timeout());
        Assert.Equal("input_audio_buffer.cleared", (await waiting)?.Type);
    }

    [Fact]
    public async Task TwoSessionsRunAtOnce()
    {
        using var first = await ConnectAsync("gpt-realtime");
        using var second = await ConnectAsync("gpt-realtime-mini");

        var turns = await Task.WhenAll(TurnAsync(first, "one"), TurnAsync(second, "two"));

        Assert.Equal("You said: one", turns[0].Transcript);
        Assert.Equal("You said: two", turns[1].Transcript);
        Assert.NotEqual(first.SessionId, second.SessionId);
        Assert.Equal(2, emulator.Server.RealtimeSessions.Snapshot().Count(s => s.End == RealtimeSessionEnd.Open));
    }

    [Fact]
    public async Task TheProxyAppliesToTheWebSocket()
    {
        var test = emulator.CreateClient(o => o.Proxy = new TokenLabProxySettings { Address = emulator.BaseUri });

        using var session = await test.Client.ConnectRealtimeAsync("gpt-realtime", null, Timeout());
        await session.WaitUntilCreatedAsync(Timeout());

        Assert.Equal(["CONNECT", "GET"], emulator.Requests.Select(r => r.Method));
        Assert.Equal(emulator.BaseUri.Authority, emulator.Requests[0].Path);
    }

    [Fact]
    public async Task TheHandshakeIsTracedWithoutTheKey()
    {
        var test = emulator.CreateClient();
        using var session = await test.Client.ConnectRealtimeAsync("gpt-realtime", null, Timeout());

        Assert.Contains(test.Trace.VerboseLines, line => line.StartsWith("GET ws://", StringComparison.Ordinal) && line.EndsWith("/v1/realtime?model=gpt-realtime", StringComparison.Ordinal));
        Assert.Contains(test.Trace.VerboseLines, line => line.StartsWith("101 Switching Protocols", StringComparison.Ordinal) && line.Contains(session.RequestId!, StringComparison.Ordinal));
        Assert.Contains("> Authorization: Bearer <redacted>", test.Trace.DebugLines);
        Assert.All(test.Trace.AllLines, line => Assert.DoesNotContain(EmulatorFixture.ApiKey, line, StringComparison.Ordinal));
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(Wait).Token;

    private async Task<RealtimeSession> ConnectAsync(string model, RealtimeSessionOptions? bounds = null) =>
        await emulator.CreateClient().Client.ConnectRealtimeAsync(model, bounds, Timeout());

    private static async Task<List<RealtimeEvent>> ReceiveUntilAsync(RealtimeSession session, string gaType)
    {
        var received = new List<RealtimeEvent>();
        while (true)
        {
            var next = await session.ReceiveAsync(Timeout()) ?? throw new Xunit.Sdk.XunitException("The session closed before " + gaType);
            received.Add(next);
            if (next.GaType == gaType)
            {
                return received;
            }
        }
    }

    private static async Task<Turn> TurnAsync(RealtimeSession session, string text)
    {
        var item = JsonSerializer.Serialize(new { type = "conversation.item.create", item = new { type = "message", role = "user", content = new[] { new { type = "input_text", text } } } });
        await session.SendAsync(item, Timeout());
        await session.SendAsync("""{"type":"response.create"}""", Timeout());
        var events = await ReceiveUntilAsync(session, RealtimeEventTypes.ResponseDone);
        return new Turn(
            string.Concat(events.Where(e => e.GaType == RealtimeEventTypes.OutputAudioTranscriptDelta).Select(e => e.Delta)),
            events.Where(e => e.Audio != null).Sum(e => e.Audio!.Length),
            events[^1].Usage,
            events.Select(e => e.Type).ToHashSet());
    }

    /// <summary>The only session, once the emulator has recorded its end.</summary>
    private async Task<RealtimeSessionRecord> WaitForEndAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await emulator.Server.RealtimeSessions.WaitForEndAsync(emulator.Server.RealtimeSessions.Snapshot().Single().SessionId, timeout.Token);
    }

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed record Turn(string Transcript, int AudioBytes, RealtimeUsage? Usage, HashSet<string> Types);
}
