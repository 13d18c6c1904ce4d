using System.Net.WebSockets;
using System.Text.Json;
using TokenLab.Emulator.Endpoints.Realtime;
using TokenLab.Emulator.Faults;

namespace TokenLab.Emulator.Tests;

/// <summary>A realtime session on the emulator: configuration, input, responses in GA and beta names, errors and faults.</summary>
public sealed class RealtimeSessionTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public RealtimeSessionTests(EmulatorFixture emulator)
    {
        emulator.Reset();
        _emulator = emulator;
    }

    [Fact]
    public async Task SessionUpdateAnswersWithTheFullEffectiveSession()
    {
        await using var socket = await OpenAsync("gpt-realtime");
        var created = (await socket.ReceiveTypeAsync("session.created")).GetProperty("session");
        Assert.Equal("realtime", created.GetProperty("type").GetString());
        Assert.Equal("server_vad", created.GetProperty("audio").GetProperty("input").GetProperty("turn_detection").GetProperty("type").GetString());

        await socket.SendAsync(new
        {
            type = "session.update",
            session = new
            {
                type = "realtime",
                instructions = "Be brief.",
                output_modalities = new[] { "text" },
                audio = new { input = new { turn_detection = (object?)null, transcription = new { model = "whisper-1" } }, output = new { voice = "marin" } },
            },
        });
        var updated = (await socket.ReceiveTypeAsync("session.updated")).GetProperty("session");

        Assert.Equal("Be brief.", updated.GetProperty("instructions").GetString());
        Assert.Equal(["text"], updated.GetProperty("output_modalities").Strings());
        Assert.Equal("marin", updated.GetProperty("audio").GetProperty("output").GetProperty("voice").GetString());
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("audio").GetProperty("input").GetProperty("turn_detection").ValueKind);
        Assert.Equal("whisper-1", updated.GetProperty("audio").GetProperty("input").GetProperty("transcription").GetProperty("model").GetString());
    }

    [Fact]
    public async Task ATextTurnProducesTheGaEventSequenceWithUsage()
    {
        await using var socket = await OpenAsync("gpt-realtime");
        await socket.ReceiveTypeAsync("session.created");

        await socket.SendAsync(new { type = "conversation.item.create", item = new { type = "message", role = "user", content = new[] { new { type = "input_text", text = "Hello there" } } } });
        await socket.ReceiveTypeAsync("conversation.item.done");
        await socket.SendAsync(new { type = "response.create" });
        var events = await socket.ReceiveUntilAsync("response.done");

        var types = events.Select(RealtimeTestSocket.Type).Distinct().ToList();
        Assert.Equal(
            ["response.created", "response.output_item.added", "conversation.item.added", "response.content_part.added",
             "response.output_audio_transcript.delta", "response.output_audio.delta", "response.output_audio.done",
             "response.output_audio_transcript.done", "response.content_part.done", "response.output_item.done", "conversation.item.done", "response.done"],
            types);
        var transcript = string.Concat(events.Where(e => RealtimeTestSocket.Type(e) == "response.output_audio_transcript.delta").Select(e => e.GetProperty("delta").GetString()));
        Assert.Equal("You said: Hello there", transcript);
        var audioBytes = events.Where(e => RealtimeTestSocket.Type(e) == "response.output_audio.delta").Sum(e => e.GetProperty("delta").GetBytesFromBase64().Length);
        Assert.Equal("You said: Hello there".Length * 50 * 48, audioBytes);

        var response = events[^1].GetProperty("response");
        Assert.Equal("completed", response.GetProperty("status").GetString());
        var usage = response.GetProperty("usage");
        Assert.Equal(usage.GetProperty("input_tokens").GetInt32() + usage.GetProperty("output_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal(RealtimeUsage.AudioTokens("You said: Hello there".Length * 50), usage.GetProperty("output_token_details").GetProperty("audio_tokens").GetInt32());
        Assert.All(events, e => Assert.StartsWith("event_", e.GetProperty("event_id").GetString()));
    }

    [Fact]
    public async Task ATextOnlySessionSendsTextDeltas()
    {
        await using var socket = await OpenAsync("gpt-realtime");
        await socket.ReceiveTypeAsync("session.created");
        await socket.SendAsync(new { type = "session.update", session = new { type = "realtime", output_modalities = new[] { "text" } } });
        await socket.ReceiveTypeAsync("session.updated");

        await socket.SendAsync(new { type = "response.create" });
        var events = await socket.ReceiveUntilAsync("response.done");

        Assert.DoesNotContain(events, e => RealtimeTestSocket.Type(e).Contains("audio", StringComparison.Ordinal));
        Assert.Equal("Hello from the TokenLab emulator.", events.Single(e => RealtimeTestSocket.Type(e) == "response.output_text.done").GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("qwen-tts-realtime", false)]
    [InlineData("gpt-realtime", true)]
    public async Task BetaSessionsUseTheBetaNamesAndShape(string model, bool askForBeta)
    {
        await using var socket = await OpenAsync(model, askForBeta);
        var created = (await socket.ReceiveTypeAsync("session.created")).GetProperty("session");
        Assert.Equal("pcm16", created.GetProperty("input_audio_format").GetString());

        await socket.SendAsync(new { type = "response.create" });
        var types = (await socket.ReceiveUntilAsync("response.done")).Select(RealtimeTestSocket.Type).ToHashSet();

        Assert.Contains("response.audio.delta", types);
        Assert.Contains("response.audio_transcript.delta", types);
        Assert.Contains("response.audio.done", types);
        Assert.Contains("conversation.item.created", types);
        Assert.DoesNotContain("response.output_audio.delta", types);
        Assert.Equal("beta", _emulator.Server.RealtimeSessions.Snapshot().Single().Dialect);
    }

    [Fact]
    public async Task AudioIsAppendedCommittedAndTranscribed()
    {
        await using var socket = await OpenAsync("gpt-realtime");
        await socket.ReceiveTypeAsync("session.created");
        await socket.SendAsync(new { type = "session.update", session = new { type = "realtime", audio = new { input = new { transcription = new { model = "whisper-1" } } } } });
        await socket.ReceiveTypeAsync("session.updated");

        var halfSecond = new byte[12000];
        await socket.SendAsync(new { type = "input_audio_buffer.append", audio = Convert.ToBase64String(halfSecond) });
        await socket.SendAsync(new { type = "input_audio_buffer.append", audio = Convert.ToBase64String(halfSecond) });
        await socket.SendAsync(new { type = "input_audio_buffer.commit" });
        var committed = await socket.ReceiveTypeAsync("input_audio_buffer.committed");
        var transcription = await socket.ReceiveTypeAsync("conversation.item.input_audio_transcription.completed");
        await socket.SendAsync(new { type = "response.create" });
        var done = await socket.ReceiveUntilAsync("response.output_audio_transcript.done");

        Assert.Equal(committed.GetProperty("item_id").GetString(), transcription.GetProperty("item_id").GetString());
        Assert.Equal("(0.5 seconds of audio)", transcription.GetProperty("transcript").GetString());
        Assert.Equal("I heard 0.5 seconds of audio.", done[^1].GetProperty("transcript").GetString());
    }

    [Theory]
    [InlineData("{not json", "invalid_json", null)]
    [InlineData("""{"event_id":"evt_1"}""", "missing_required_parameter", "evt_1")]
    [InlineData("""{"type":"response.dance","event_id":"evt_2"}""", "invalid_value", "evt_2")]
    [InlineData("""{"type":"input_audio_buffer.append","event_id":"evt_3","audio":"***"}""", "invalid_value", "evt_3")]
    [InlineData("""{"type":"input_audio_buffer.commit","event_id":"evt_4"}""", "input_audio_buffer_commit_empty", "evt_4")]
    [InlineData("""{"type":"session.update","event_id":"evt_5","session":{"type":"realtime","modalities":["text"]}}""", "invalid_value", "evt_5")]
    [InlineData("""{"type":"session.update","event_id":"evt_6","session":{"type":"realtime","instructions":7}}""", "invalid_type", "evt_6")]
    [InlineData("""{"type":"response.create","event_id":"evt_7","response":{"metadata":{"emulator_audio_ms":"-1"}}}""", "invalid_value", "evt_7")]
    public async Task AMalformedClientEventGetsAnErrorEventAndTheSessionStaysOpen(string json, string code, string? eventId)
    {
        await using var socket = await OpenAsync("gpt-realtime");
        await socket.ReceiveTypeAsync("session.created");

        await socket.SendAsync(json);
        var error = (await socket.ReceiveTypeAsync("error")).GetProperty("error");

        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(eventId, error.GetProperty("event_id").GetString());
        await socket.SendAsync(new { type = "input_audio_buffer.clear" });
        await socket.ReceiveTypeAsync("input_audio_buffer.cleared");
    }

    [Fact]
    public async Task ASecondResponseWhileOneRunsIsAnError()
    {
        await using var socket = await OpenAsync("gpt-realtime");
        await socket.ReceiveTypeAsync("session.created");

        await socket.SendAsync("""{"type":"response.create","response":{"metadata":{"emulator_audio_ms":"600000"}}}""");
        await socket.ReceiveTypeAsync("response.created");
        await socket.SendAsync("""{"type":"response.create","event_id":"evt_again"}""");
        await socket.SendAsync("""{"type":"response.cancel"}""");
        var events = await socket.ReceiveUntilAsync("response.done");

        Assert.Contains(events, e => RealtimeTestSocket.Type(e) == "error" && e.GetProperty("error").GetProperty("code").GetString() == "conversation_already_has_active_response");
        var response = events[^1].GetProperty("response");
        Assert.Equal("cancelled", response.GetProperty("status").GetString());
        Assert.Equal("client_cancelled", response.GetProperty("status_details").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task MetadataAsksForLongerReplyAudioInSmallerChunks()
    {
        await using var socket = await OpenAsync("gpt-realtime");
        await socket.ReceiveTypeAsync("session.created");

        await socket.SendAsync("""{"type":"response.create","response":{"metadata":{"emulator_audio_ms":"2000","emulator_chunk_ms":"20"}}}""");
        var deltas = (await socket.ReceiveUntilAsync("response.done")).Where(e => RealtimeTestSocket.Type(e) == "response.output_audio.delta").ToList();

        Assert.Equal(100, deltas.Count);
        Assert.All(deltas, delta => Assert.Equal(960, delta.GetProperty("delta").GetBytesFromBase64().Length));
    }

    [Fact]
    public async Task ACloseFaultClosesWithTheChosenStatusAfterItsEvent()
    {
        _emulator.Server.Faults.Add(new FaultSpec { Match = "/v1/realtime", Kind = FaultKind.Close, CloseStatus = 4000, CloseDescription = "beta_api_shape_disabled", AfterEvent = "response.done" });
        await using var socket = await OpenAsync("gpt-realtime");

        await socket.SendAsync(new { type = "response.create" });
        var events = await socket.ReceiveUntilAsync("response.done");
        var after = await socket.ReceiveAsync();

        Assert.Null(after);
        Assert.Equal((WebSocketCloseStatus)4000, socket.Socket.CloseStatus);
        Assert.Equal("beta_api_shape_disabled", socket.Socket.CloseStatusDescription);
        await socket.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, CancellationToken.None);
        var session = await WaitForEndAsync();
        Assert.Equal(RealtimeSessionEnd.ClosedByServer, session.End);
        Assert.Equal(4000, session.CloseStatus);
        Assert.Equal(["response.create"], session.ClientEvents);
        Assert.Equal(events.Count, session.ServerEventCount);
    }

    [Fact]
    public async Task ADisconnectFaultDropsTheConnectionWithoutACloseFrame()
    {
        _emulator.Server.Faults.Add(new FaultSpec { Match = "/v1/realtime", Kind = FaultKind.Disconnect, AfterEvent = "response.output_audio.delta" });
        await using var socket = await OpenAsync("gpt-realtime");

        await socket.SendAsync(new { type = "response.create" });

        await Assert.ThrowsAsync<WebSocketException>(async () => await socket.ReceiveUntilAsync("response.done"));
        Assert.Null(socket.Socket.CloseStatus);
        Assert.Equal(RealtimeSessionEnd.Dropped, (await WaitForEndAsync()).End);
    }

    [Fact]
    public async Task AClientCloseIsAnsweredAndRecorded()
    {
        var socket = await OpenAsync("gpt-realtime");
        await socket.ReceiveTypeAsync("session.created");
        await socket.SendAsync(new { type = "input_audio_buffer.clear" });
        await socket.ReceiveTypeAsync("input_audio_buffer.cleared");

        await socket.Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "Client stopped", CancellationToken.None);
        await socket.DisposeAsync();

        var session = await WaitForEndAsync();
        Assert.Equal(RealtimeSessionEnd.ClosedByClient, session.End);
        Assert.Equal(1000, session.CloseStatus);
        Assert.Equal("Client stopped", session.CloseDescription);
        Assert.Equal(["input_audio_buffer.clear"], session.ClientEvents);
    }

    [Fact]
    public async Task AMessageOverTheLimitClosesWith1009()
    {
        await using var socket = await OpenAsync("gpt-realtime");
        await socket.ReceiveTypeAsync("session.created");

        var huge = new byte[RealtimeLimits.MaxClientMessageBytes + 1];
        await socket.Socket.SendAsync(huge, WebSocketMessageType.Text, true, CancellationToken.None);

        Assert.Null(await socket.ReceiveAsync());
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, socket.Socket.CloseStatus);
    }

    private Task<RealtimeTestSocket> OpenAsync(string model, bool beta = false) =>
        RealtimeTestSocket.ConnectAsync(_emulator.Server.BaseUri, model, beta: beta);

    /// <summary>The only session, once the emulator has recorded its end.</summary>
    private async Task<RealtimeSessionRecord> WaitForEndAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _emulator.Server.RealtimeSessions.WaitForEndAsync(_emulator.Server.RealtimeSessions.Snapshot().Single().SessionId, timeout.Token);
    }
}
