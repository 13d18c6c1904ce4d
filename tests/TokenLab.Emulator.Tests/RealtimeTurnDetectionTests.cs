using System.Text.Json;
using TokenLab.Emulator.Endpoints.Realtime;

namespace TokenLab.Emulator.Tests;

/// <summary>Server VAD on the emulator: turns found in the appended audio are committed, transcribed and answered.</summary>
public sealed class RealtimeTurnDetectionTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public RealtimeTurnDetectionTests(EmulatorFixture emulator)
    {
        emulator.Reset();
        _emulator = emulator;
    }

    [Fact]
    public async Task SpeechThenSilenceIsATurnThatIsCommittedAndAnswered()
    {
        await using var socket = await OpenAsync();

        await AppendAsync(socket, Pcm.Silence(600), Pcm.Tone(1000), Pcm.Silence(1000));
        var events = await socket.ReceiveUntilAsync("response.done");

        var started = events.Single(e => Is(e, "input_audio_buffer.speech_started"));
        var stopped = events.Single(e => Is(e, "input_audio_buffer.speech_stopped"));
        var committed = events.Single(e => Is(e, "input_audio_buffer.committed"));
        var itemId = started.GetProperty("item_id").GetString();

        // Speech at 600 ms, reported with the default 300 ms of prefix; it stops after the default 500 ms of quiet.
        Assert.Equal(300, started.GetProperty("audio_start_ms").GetInt32());
        Assert.Equal(2100, stopped.GetProperty("audio_end_ms").GetInt32());
        Assert.Equal(itemId, stopped.GetProperty("item_id").GetString());
        Assert.Equal(itemId, committed.GetProperty("item_id").GetString());
        Assert.Equal(
            ["input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped", "input_audio_buffer.committed", "conversation.item.added", "conversation.item.done", "response.created"],
            events.Select(RealtimeTestSocket.Type).Distinct().Take(6));
        Assert.Equal("I heard 1.8 seconds of audio.", events.Single(e => Is(e, "response.output_audio_transcript.done")).GetProperty("transcript").GetString());
        Assert.Equal("completed", events[^1].GetProperty("response").GetProperty("status").GetString());
    }

    [Fact]
    public async Task SilenceAloneIsNoTurn()
    {
        await using var socket = await OpenAsync();

        await AppendAsync(socket, Pcm.Silence(3000));
        await socket.SendAsync(new { type = "input_audio_buffer.clear" });

        Assert.Equal("input_audio_buffer.cleared", RealtimeTestSocket.Type((await socket.ReceiveAsync())!.Value));
    }

    [Fact]
    public async Task TwoUtterancesInOneAppendAreTwoTranscribedTurns()
    {
        await using var socket = await OpenAsync();
        await UpdateAsync(socket, new { type = "server_vad", create_response = false, silence_duration_ms = 400 }, new { model = "whisper-1" });

        await AppendAsync(socket, Pcm.Tone(500), Pcm.Silence(800), Pcm.Tone(700), Pcm.Silence(800));
        var first = await socket.ReceiveUntilAsync("conversation.item.input_audio_transcription.completed");
        var second = await socket.ReceiveUntilAsync("conversation.item.input_audio_transcription.completed");
        await socket.SendAsync(new { type = "input_audio_buffer.clear" });
        var rest = await socket.ReceiveUntilAsync("input_audio_buffer.cleared");

        Assert.Equal((0, 900), Bounds(first));
        Assert.Equal((1000, 2400), Bounds(second));
        Assert.Equal("(1.4 seconds of audio)", Transcript(second));
        Assert.Equal("(1.4 seconds of audio)", string.Concat(second.Where(e => Is(e, "conversation.item.input_audio_transcription.delta")).Select(e => e.GetProperty("delta").GetString())));
        Assert.Equal(2, second.Single(e => Is(e, "conversation.item.input_audio_transcription.completed")).GetProperty("usage").GetProperty("seconds").GetInt32());
        Assert.DoesNotContain(first.Concat(second).Concat(rest), e => Is(e, "response.created"));
    }

    [Fact]
    public async Task WithoutTurnDetectionTheClientCommits()
    {
        await using var socket = await OpenAsync();
        await UpdateAsync(socket, null, null);

        await AppendAsync(socket, Pcm.Tone(500), Pcm.Silence(1000));
        await socket.SendAsync(new { type = "input_audio_buffer.commit" });
        var events = await socket.ReceiveUntilAsync("input_audio_buffer.committed");

        Assert.Equal(["input_audio_buffer.committed"], events.Select(RealtimeTestSocket.Type));
    }

    [Fact]
    public async Task SemanticVadFindsTurnsAsServerVadDoes()
    {
        await using var socket = await OpenAsync();
        await UpdateAsync(socket, new { type = "semantic_vad", eagerness = "high", create_response = false }, null);

        await AppendAsync(socket, Pcm.Tone(400), Pcm.Silence(300));
        var stopped = await socket.ReceiveTypeAsync("input_audio_buffer.speech_stopped");

        // High eagerness takes the turn after 250 ms of quiet.
        Assert.Equal(650, stopped.GetProperty("audio_end_ms").GetInt32());
    }

    [Fact]
    public async Task NewSpeechInterruptsAReply()
    {
        await using var socket = await OpenAsync();
        await socket.SendAsync("""{"type":"response.create","response":{"metadata":{"emulator_audio_ms":"600000"}}}""");
        await socket.ReceiveTypeAsync("response.output_audio.delta");

        await AppendAsync(socket, Pcm.Tone(200));
        var events = await socket.ReceiveUntilAsync("response.done");

        Assert.Contains(events, e => Is(e, "input_audio_buffer.speech_started"));
        var response = events[^1].GetProperty("response");
        Assert.Equal("cancelled", response.GetProperty("status").GetString());
        Assert.Equal("turn_detected", response.GetProperty("status_details").GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("""{"type":"vad"}""", "session.audio.input.turn_detection.type")]
    [InlineData("""{"type":"server_vad","threshold":1.5}""", "session.audio.input.turn_detection.threshold")]
    [InlineData("""{"type":"semantic_vad","eagerness":"eager"}""", "session.audio.input.turn_detection.eagerness")]
    public async Task InvalidTurnDetectionIsRefused(string turnDetection, string param)
    {
        await using var socket = await OpenAsync();

        await socket.SendAsync("""{"type":"session.update","session":{"type":"realtime","audio":{"input":{"turn_detection":""" + turnDetection + "}}}}");
        var error = (await socket.ReceiveTypeAsync("error")).GetProperty("error");

        Assert.Equal("invalid_value", error.GetProperty("code").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task AGaTranscriptionSessionTranscribesEachTurnAndNeverReplies()
    {
        await using var socket = await OpenAsync();
        await socket.SendAsync(new { type = "session.update", session = new { type = "transcription", audio = new { input = new { transcription = new { model = "gpt-4o-transcribe" } } } } });
        var session = (await socket.ReceiveTypeAsync("session.updated")).GetProperty("session");

        await AppendAsync(socket, Pcm.Tone(1000), Pcm.Silence(600));
        var turn = await socket.ReceiveUntilAsync("conversation.item.input_audio_transcription.completed");
        await socket.SendAsync("""{"type":"response.create","event_id":"evt_reply"}""");
        var refused = await socket.ReceiveUntilAsync("error");

        Assert.Equal("transcription", session.GetProperty("type").GetString());
        Assert.Equal("realtime.transcription_session", session.GetProperty("object").GetString());
        Assert.False(session.TryGetProperty("output_modalities", out _));
        Assert.Equal("(1.5 seconds of audio)", Transcript(turn));
        Assert.Equal("evt_reply", refused[^1].GetProperty("error").GetProperty("event_id").GetString());
        Assert.DoesNotContain(refused, e => Is(e, "response.created"));
    }

    [Fact]
    public async Task ABetaTranscriptionSessionOpensWithItsIntent()
    {
        await using var socket = await RealtimeTestSocket.ConnectAsync(_emulator.Server.BaseUri, "gpt-realtime", beta: true, query: "&intent=transcription");
        var created = (await socket.ReceiveTypeAsync("transcription_session.created")).GetProperty("session");
        await socket.SendAsync(new { type = "transcription_session.update", session = new { input_audio_transcription = new { model = "gpt-4o-mini-transcribe" } } });
        var updated = (await socket.ReceiveTypeAsync("transcription_session.updated")).GetProperty("session");

        await AppendAsync(socket, Pcm.Tone(500), Pcm.Silence(500));
        var turn = await socket.ReceiveUntilAsync("conversation.item.input_audio_transcription.completed");

        Assert.Equal("whisper-1", created.GetProperty("input_audio_transcription").GetProperty("model").GetString());
        Assert.Equal("gpt-4o-mini-transcribe", updated.GetProperty("input_audio_transcription").GetProperty("model").GetString());
        Assert.Equal(["input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped", "input_audio_buffer.committed", "conversation.item.created"], turn.Select(RealtimeTestSocket.Type).Take(4));
        Assert.Equal("(1.0 seconds of audio)", Transcript(turn));
    }

    private static (int Start, int End) Bounds(List<JsonElement> turn) =>
        (turn.Single(e => Is(e, "input_audio_buffer.speech_started")).GetProperty("audio_start_ms").GetInt32(),
         turn.Single(e => Is(e, "input_audio_buffer.speech_stopped")).GetProperty("audio_end_ms").GetInt32());

    private static string? Transcript(List<JsonElement> turn) =>
        turn.Single(e => Is(e, "conversation.item.input_audio_transcription.completed")).GetProperty("transcript").GetString();

    private static bool Is(JsonElement message, string type) => RealtimeTestSocket.Type(message) == type;

    private static async Task UpdateAsync(RealtimeTestSocket socket, object? turnDetection, object? transcription)
    {
        await socket.SendAsync(new { type = "session.update", session = new { type = "realtime", audio = new { input = new { turn_detection = turnDetection, transcription } } } });
        await socket.ReceiveTypeAsync("session.updated");
    }

    private static Task AppendAsync(RealtimeTestSocket socket, params byte[][] parts) =>
        socket.SendAsync(new { type = "input_audio_buffer.append", audio = Convert.ToBase64String(parts.SelectMany(part => part).ToArray()) });

    private async Task<RealtimeTestSocket> OpenAsync()
    {
        var socket = await RealtimeTestSocket.ConnectAsync(_emulator.Server.BaseUri, "gpt-realtime");
        await socket.ReceiveTypeAsync("session.created");
        return socket;
    }
}

/// <summary>24 kHz mono PCM16 for realtime input: the emulator's tone (loud enough for VAD) and silence.</summary>
internal static class Pcm
{
    public static byte[] Tone(int milliseconds)
    {
        var tone = new ToneGenerator("test");
        var audio = new List<byte>();
        for (var left = milliseconds; left > 0; left -= 1000)
        {
            audio.AddRange(tone.Next(Math.Min(1000, left)).ToArray());
        }

        return [.. audio];
    }

    public static byte[] Silence(int milliseconds) => new byte[milliseconds * ToneGenerator.BytesPerMillisecond];
}
