using System.Net.WebSockets;
using System.Text.Json;
using TokenLab.Client.Audio;
using TokenLab.Client.Realtime;
using TokenLab.Client.Tests.Infrastructure;
using static TokenLab.Client.Tests.Infrastructure.ScriptedSocket;

namespace TokenLab.Client.Tests.Realtime;

/// <summary>
/// Every branch of the client's realtime conversation layer (session configuration, turns), against a
/// scripted WebSocket server that answers as the test says, or not at all. Short turn timeouts stand in
/// for a silent server; no test asserts how long anything took.
/// </summary>
public sealed class RealtimeTurnRunnerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task ATextTurnSendsTheUserMessageAndCollectsTranscriptAudioAndUsage()
    {
        using var folder = new TempFolder();
        await using ScriptedRealtimeServer server = await ScriptedRealtimeServer.StartAsync(async socket =>
        {
            await socket.SendAsync(SessionCreated);
            JsonElement item = (await socket.ReceiveUntilAsync("conversation.item.create"))!.Value;
            Assert.Equal("hello there", item.GetProperty("item").GetProperty("content")[0].GetProperty("text").GetString());
            await socket.ReceiveUntilAsync("response.create");
            await socket.SendResponseAsync("resp_1", "Hi!", audioBytes: 48000, totalTokens: 12);
            await socket.DrainAsync();
        }, Bound);
        using var limit = new CancellationTokenSource(Bound);
        using RealtimeSession session = await server.Client.ConnectRealtimeAsync("gpt-realtime", null, limit.Token);
        var lines = new List<string>();

        RealtimeTurnResult result = await new RealtimeTurnRunner(session, Bound).RunTextAsync(
            "hello there", new RealtimeTurnOptions { OutFile = folder.File("reply.wav"), Trace = lines.Add }, limit.Token);

        Assert.Equal(RealtimeTurnStatus.Completed, result.Status);
        Assert.Equal("Hi!", result.Transcript);
        Assert.Null(result.Text);
        Assert.Equal("resp_1", result.ResponseId);
        Assert.Equal(12, result.Usage.TotalTokens);
        Assert.Equal(TimeSpan.FromSeconds(1), result.AudioDuration);
        Assert.Equal(folder.File("reply.wav"), result.AudioPath);
        using FileStream wav = File.OpenRead(result.AudioPath!);
        Assert.Equal(48000, (await WavFormat.ReadHeaderAsync(wav, limit.Token)).DataLength);
        Assert.Contains("Sent conversation.item.create (tl_item_1)", lines);
        Assert.Contains("Received response.done", lines);
    }

    [Fact]
    public async Task AnAudioTurnAppendsTheRecordingConvertedAndCommitsIt()
    {
        int appendedBytes = 0;
        await using ScriptedRealtimeServer server = await ScriptedRealtimeServer.StartAsync(async socket =>
        {
            await socket.SendAsync(SessionCreated);
            while ((await socket.ReceiveAsync())!.Value is var next && next.GetProperty("type").GetString() != "input_audio_buffer.commit")
            {
                appendedBytes += next.GetProperty("audio").GetBytesFromBase64().Length;
            }

            await socket.ReceiveUntilAsync("response.create");
            await socket.SendResponseAsync("resp_1", "I heard you.");
            await socket.DrainAsync();
        }, Bound);
        using var limit = new CancellationTokenSource(Bound);
        using RealtimeSession session = await server.Client.ConnectRealtimeAsync("gpt-realtime", null, limit.Token);
        using RealtimeInputAudio audio = await RealtimeInputAudio.OpenAsync(
            new MemoryStream(TestRecordings.ToneWav(44100, 2, TestRecordings.Sample.Pcm16, 1, 440)), "tone.wav", null, leaveOpen: false, limit.Token);

        RealtimeTurnResult result = await new RealtimeTurnRunner(session, Bound).RunAudioAsync(audio, null, limit.Token);

        Assert.Equal("I heard you.", result.Transcript);
        Assert.InRange(appendedBytes, 47000, 49000); // one second of 24 kHz mono 16-bit
    }

    [Fact]
    public async Task ATurnWithoutResponseDoneTimesOutAndLeavesNoFile()
    {
        using var folder = new TempFolder();
        await using ScriptedRealtimeServer server = await ScriptedRealtimeServer.StartAsync(async socket =>
        {
            await socket.SendAsync(SessionCreated);
            await socket.ReceiveUntilAsync("response.create");
            await socket.SendAsync(ResponseCreated("resp_1"));
            await socket.SendAsync(AudioDelta("resp_1", 4800));
            await socket.DrainAsync(); // and never a response.done
        }, Bound);
        using var limit = new CancellationTokenSource(Bound);
        using RealtimeSession session = await server.Client.ConnectRealtimeAsync("gpt-realtime", null, limit.Token);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => new RealtimeTurnRunner(session, ShortTimeout).RunTextAsync(
            "hi", new RealtimeTurnOptions { OutFile = folder.File("reply.wav") }, limit.Token));

        Assert.Equal("The realtime turn did not finish within 0.5 seconds.", error.Message);
        Assert.Empty(folder.Names());
        Assert.False(limit.IsCancellationRequested);
    }

    [Fact]
    public async Task WithoutSessionCreatedTheConfigurationSaysSoAndIsStillApplied()
    {
        await using ScriptedRealtimeServer server = await ScriptedRealtimeServer.StartAsync(async socket =>
        {
            JsonElement update = (await socket.ReceiveUntilAsync("session.update"))!.Value;
            Assert.Equal("Be brief.", update.GetProperty("session").GetProperty("instructions").GetString());
            await socket.SendAsync("{\"type\":\"session.updated\",\"session\":{}}");
            await socket.DrainAsync();
        }, Bound);
        using var limit = new CancellationTokenSource(Bound);
        using RealtimeSession session = await server.Client.ConnectRealtimeAsync("gpt-realtime", null, limit.Token);

        RealtimeSetupResult setup = await new RealtimeSessionConfiguration { Instructions = "Be brief." }.ApplyAsync(session, ShortTimeout, null, limit.Token);

        Assert.False(setup.Created);
        Assert.Null(setup.Rejected);
        Assert.Null(session.SessionId);
    }

    [Fact]
    public async Task AnUnansweredSessionUpdateTimesOut()
    {
        await using ScriptedRealtimeServer server = await ScriptedRealtimeServer.StartAsync(async socket =>
        {
            await socket.SendAsync(SessionCreated);
            await socket.DrainAsync(); // the session.update arrives and is never answered
        }, Bound);
        using var limit = new CancellationTokenSource(Bound);
        using RealtimeSession session = await server.Client.ConnectRealtimeAsync("gpt-realtime", null, limit.Token);

        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            new RealtimeSessionConfiguration { Voice = "marin" }.ApplyAsync(session, ShortTimeout, null, limit.Token));

        Assert.Equal("The session.update was not answered within 0.5 seconds.", error.Message);
        Assert.True(setupSent(session));

        static bool setupSent(RealtimeSession s) => s.EventsSent == 1;
    }

    [Fact]
    public async Task ARejectedSessionUpdateIsReturnedWithTheServersError()
    {
        await using ScriptedRealtimeServer server = await ScriptedRealtimeServer.StartAsync(async socket =>
        {
            await socket.SendAsync(SessionCreated);
            await socket.ReceiveUntilAsync("session.update");
            await socket.SendAsync(Error("unknown_voice", RealtimeSessionConfiguration.UpdateEventId));
            await socket.DrainAsync();
        }, Bound);
        using var limit = new CancellationTokenSource(Bound);
        using RealtimeSession session = await server.Client.ConnectRealtimeAsync("gpt-realtime", null, limit.Token);

        RealtimeSetupResult setup = await new RealtimeSessionConfiguration { Voice = "nobody" }.ApplyAsync(session, Bound, null, limit.Token);

        Assert.True(setup.Created);
        Assert.Equal("unknown_voice", setup.Rejected?.Code);
    }

    [Theory]
    [InlineData("failed")]
    [InlineData("cancelled")]
    [InlineData("incomplete")]
    public async Task AResponseThatDoesNotCompleteIsAFailedTurnAndLeavesNoFile(string status)
    {
        using var folder = new TempFolder();
        await using ScriptedRealtimeServer server = await ScriptedRealtimeServer.StartAsync(async socket =>
        {
            await socket.SendAsync(SessionCreated);
            await socket.ReceiveUntilAsync("response.create");
            await socket.SendResponseAsync("resp_1", "Half a", status);
            await socket.DrainAsync();
        }, Bound);
        using var limit = new CancellationTokenSource(Bound);
        using RealtimeSession session = await server.Client.ConnectRealtimeAsync("gpt-realtime", null, limit.Token);

        RealtimeTurnResult result = await new RealtimeTurnRunner(session, Bound).RunTextAsync("hi", new RealtimeTurnOptions { OutFile = folder.File("reply.wav") }, limit.Token);

        Assert.Equal(RealtimeTurnStatus.Failed, result.Status);
        Assert.Equal(status, result.ResponseStatus);
        Assert.Equal("resp_1", result.ResponseId);
        Assert.Null(result.AudioPath);
        Assert.Empty(folder.Names());
    }

    [Fact]
    public async Task ALaterTurnPassesOverWhatIsLeftOfAnEarlierResponse()
    {
        await using ScriptedRealtimeServer server = await ScriptedRealtimeServer.StartAsync(async socket =>
        {
            await socket.SendAsync(SessionCreated);
            await socket.ReceiveUntilAsync("response.create");
            await socket.SendAsync(ResponseCreated("resp_1"));
            await socket.SendAsync(TranscriptDelta("resp_1", "slow "));

            // The first turn has timed out by the time the second asks; resp_1 streams on first.
            await socket.ReceiveUntilAsync("response.create");
            await socket.SendAsync(TranscriptDelta("resp_1", "stale"));
            await socket.SendAsync(ResponseDone("resp_1", "completed", 99));
            await socket.SendResponseAsync("resp_2", "fresh", totalTokens: 8);
            await socket.DrainAsync();
        }, Bound);
        using var limit = new CancellationTokenSource(Bound);
        using RealtimeSession session = await server.Client.ConnectRealtimeAsync("gpt-realtime", null, limit.Token);
        var runner = new RealtimeTurnRunner(session, TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<TimeoutException>(() => runner.RunTextAsync("one", null, limit.Token));

        RealtimeTurnResult second = await runner.RunTextAsync("two", null, limit.Token);

        Assert.Equal("resp_2", second.ResponseId);
        Assert.Equal("fresh", second.Transcript);
        Assert.Equal(8, second.Usage.TotalTokens);
    }

    [Fact]
    public async Task AServerErrorDuringATurnIsReportedAndTheTurnGoesOn()
    {
        await using ScriptedRealtimeServer server = await ScriptedRealtimeServer.StartAsync(async socket =>
        {
            await socket.SendAsync(SessionCreated);
            await socket.ReceiveUntilAsync("response.create");
            await socket.SendAsync(ResponseCreated("resp_1"));
            await socket.SendAsync(Error("rate_limit_warning", null));
            await socket.SendResponseAsync("resp_1", "Done anyway");
            await socket.DrainAsync();
        }, Bound);
        using var limit = new CancellationTokenSource(Bound);
        using RealtimeSession session = await server.Client.ConnectRealtimeAsync("gpt-realtime", null, limit.Token);
        var errors = new List<RealtimeError>();

        RealtimeTurnResult result = await new RealtimeTurnRunner(session, Bound).RunTextAsync("hi", new RealtimeTurnOptions { ErrorReceived = errors.Add }, limit.Token);

        Assert.Equal(RealtimeTurnStatus.Completed, result.Status);
        Assert.Equal("Done anyway", result.Transcript);
        Assert.Equal("rate_limit_warning", Assert.Single(errors).Code);
    }

    [Fact]
    public async Task AnErrorAboutTheResponseCreateRefusesTheTurn()
    {
        await using ScriptedRealtimeServer server = await ScriptedRealtimeServer.StartAsync(async socket =>
        {
            await socket.SendAsync(SessionCreated);
            JsonElement create = (await socket.ReceiveUntilAsync("response.create"))!.Value;
            await socket.SendAsync(Error("conversation_already_has_active_response", create.GetProperty("event_id").GetString()));
            await socket.DrainAsync();
        }, Bound);
        using var limit = new CancellationTokenSource(Bound);
        using RealtimeSession session = await server.Client.ConnectRealtimeAsync("gpt-realtime", null, limit.Token);
        var errors = new List<RealtimeError>();

        RealtimeTurnResult result = await new RealtimeTurnRunner(session, Bound).RunTextAsync("hi", new RealtimeTurnOptions { ErrorReceived = errors.Add }, limit.Token);

        Assert.Equal(RealtimeTurnStatus.Refused, result.Status);
        Assert.Equal("conversation_already_has_active_response", result.Error?.Code);
        Assert.Equal("tl_response_2", result.Error?.ClientEventId);
        Assert.Single(errors);
    }

    [Fact]
    public async Task AServerCloseDuringATurnEndsItWithTheCloseAndLeavesNoFile()
    {
        using var folder = new TempFolder();
        await using ScriptedRealtimeServer server = await ScriptedRealtimeServer.StartAsync(async socket =>
        {
            await socket.SendAsync(SessionCreated);
            await socket.ReceiveUntilAsync("response.create");
            await socket.SendAsync(ResponseCreated("resp_1"));
            await socket.SendAsync(AudioDelta("resp_1", 4800));
            await socket.CloseAsync(WebSocketCloseStatus.InternalServerError, "upstream closed");
        }, Bound);
        using var limit = new CancellationTokenSource(Bound);
        using RealtimeSession session = await server.Client.ConnectRealtimeAsync("gpt-realtime", null, limit.Token);

        var closed = await Assert.ThrowsAsync<TokenLabRealtimeClosedException>(() =>
            new RealtimeTurnRunner(session, Bound).RunTextAsync("hi", new RealtimeTurnOptions { OutFile = folder.File("reply.wav") }, limit.Token));

        Assert.Equal(1011, closed.CloseStatus);
        Assert.Equal("upstream closed", closed.CloseDescription);
        Assert.Empty(folder.Names());
    }

    [Fact]
    public async Task ACancelledTurnStopsAndLeavesNoFile()
    {
        using var folder = new TempFolder();
        var audioSent = new TaskCompletionSource();
        await using ScriptedRealtimeServer server = await ScriptedRealtimeServer.StartAsync(async socket =>
        {
            await socket.SendAsync(SessionCreated);
            await socket.ReceiveUntilAsync("response.create");
            await socket.SendAsync(ResponseCreated("resp_1"));
            await socket.SendAsync(AudioDelta("resp_1", 4800));
            audioSent.SetResult();
            await socket.DrainAsync();
        }, Bound);
        using var limit = new CancellationTokenSource(Bound);
        using RealtimeSession session = await server.Client.ConnectRealtimeAsync("gpt-realtime", null, limit.Token);
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(limit.Token);

        Task<RealtimeTurnResult> turn = new RealtimeTurnRunner(session, Bound).RunTextAsync("hi", new RealtimeTurnOptions { OutFile = folder.File("reply.wav") }, ctrlC.Token);
        await audioSent.Task.WaitAsync(limit.Token);
        ctrlC.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => turn);
        Assert.Empty(folder.Names());
        Assert.Equal(RealtimeSessionState.Open, session.State);
    }

    [Fact]
    public void SessionUpdatesTakeTheShapeOfEachDialectAndMergeExtraEntriesLast()
    {
        var configuration = new RealtimeSessionConfiguration
        {
            Instructions = "Be brief.",
            Voice = "marin",
            OutputModality = RealtimeOutputModality.Text,
            TurnDetection = RealtimeTurnDetection.ServerVad,
            InputTranscriptionModel = "whisper-1",
            Extra = new System.Text.Json.Nodes.JsonObject { ["audio"] = new System.Text.Json.Nodes.JsonObject { ["output"] = new System.Text.Json.Nodes.JsonObject { ["speed"] = 1.5 } } },
        };

        Assert.Equal(
            "{\"type\":\"session.update\",\"event_id\":\"u1\",\"session\":{\"type\":\"realtime\",\"instructions\":\"Be brief.\",\"output_modalities\":[\"text\"],"
            + "\"audio\":{\"input\":{\"turn_detection\":{\"type\":\"server_vad\"},\"transcription\":{\"model\":\"whisper-1\"}},\"output\":{\"voice\":\"marin\",\"speed\":1.5}}}}",
            RealtimeClientEvents.SessionUpdate(configuration, RealtimeDialect.Ga, "u1"));
        Assert.Equal(
            "{\"type\":\"session.update\",\"session\":{\"instructions\":\"Be brief.\",\"modalities\":[\"text\"],\"voice\":\"marin\",\"turn_detection\":{\"type\":\"server_vad\"},"
            + "\"input_audio_transcription\":{\"model\":\"whisper-1\"},\"audio\":{\"output\":{\"speed\":1.5}}}}",
            RealtimeClientEvents.SessionUpdate(configuration, RealtimeDialect.Beta, null));
        Assert.Equal(
            "{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\",\"audio\":{\"input\":{\"turn_detection\":null}}}}",
            RealtimeClientEvents.SessionUpdate(new RealtimeSessionConfiguration { TurnDetection = RealtimeTurnDetection.None }, RealtimeDialect.Ga, null));
    }

    [Fact]
    public void ClientEventsAreWrittenAsJsonNotConcatenated()
    {
        Assert.Equal(
            "{\"type\":\"conversation.item.create\",\"event_id\":\"i1\",\"item\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"say \\u0022hi\\u0022\\n\"}]}}",
            RealtimeClientEvents.UserText("say \"hi\"\n", "i1"));
        Assert.Equal("{\"type\":\"input_audio_buffer.commit\",\"event_id\":\"c1\"}", RealtimeClientEvents.InputAudioCommit("c1"));
        Assert.Equal("{\"type\":\"response.create\"}", RealtimeClientEvents.ResponseCreate(null));
        Assert.Equal("{\"type\":\"response.cancel\",\"response_id\":\"resp_1\"}", RealtimeClientEvents.ResponseCancel("resp_1", null));
    }
}
