using Microsoft.Extensions.Time.Testing;

namespace TokenLab.Emulator.Tests;

/// <summary>
/// Replies at the pace of their audio, on a clock that stands still: the next delta waits until the audio sent
/// so far has had time to play, so a cancel lands while the reply is still being said.
/// </summary>
public sealed class RealtimePacingTests : IClassFixture<RealtimePacingTests.PacedEmulatorFixture>
{
    private readonly PacedEmulatorFixture _emulator;

    public RealtimePacingTests(PacedEmulatorFixture emulator)
    {
        emulator.Reset();
        _emulator = emulator;
    }

    [Fact]
    public async Task AudioDeltasWaitForTheAudioToPlayAndACancelStopsThem()
    {
        await using var socket = await RealtimeTestSocket.ConnectAsync(_emulator.Server.BaseUri, "gpt-realtime");
        await socket.ReceiveTypeAsync("session.created");

        await socket.SendAsync("""{"type":"response.create","response":{"metadata":{"emulator_audio_ms":"1000","emulator_chunk_ms":"100"}}}""");
        await socket.ReceiveTypeAsync("response.output_audio.delta");

        // The clock has not moved: the second chunk is not due, so the next event answers this clear.
        await socket.SendAsync(new { type = "input_audio_buffer.clear" });
        Assert.Equal("input_audio_buffer.cleared", RealtimeTestSocket.Type((await socket.ReceiveAsync())!.Value));

        // Moving the clock here would race the responder's next wait (a timer set after the move waits anew), so the
        // reply stays at its first chunk: the cancel lands while it is still being said.
        var responseId = (await SendCancelAsync(socket)).GetProperty("response").GetProperty("id").GetString();
        var session = _emulator.Server.RealtimeSessions.Snapshot().Single();

        Assert.StartsWith("resp_", responseId);
        Assert.Equal(["response.create", "input_audio_buffer.clear", "response.cancel"], session.ClientEvents);
    }

    [Fact]
    public async Task FastMetadataSendsTheWholeReplyWithoutWaiting()
    {
        await using var socket = await RealtimeTestSocket.ConnectAsync(_emulator.Server.BaseUri, "gpt-realtime");
        await socket.ReceiveTypeAsync("session.created");

        await socket.SendAsync("""{"type":"response.create","response":{"metadata":{"emulator_audio_ms":"1000","emulator_chunk_ms":"100","emulator_pace":"fast"}}}""");
        var events = await socket.ReceiveUntilAsync("response.done");

        Assert.Equal(10, events.Count(e => RealtimeTestSocket.Type(e) == "response.output_audio.delta"));
        Assert.Equal("completed", events[^1].GetProperty("response").GetProperty("status").GetString());
    }

    /// <summary>Cancels the running response; returns its response.done after checking it was cancelled with one audio delta sent.</summary>
    private static async Task<System.Text.Json.JsonElement> SendCancelAsync(RealtimeTestSocket socket)
    {
        await socket.SendAsync(new { type = "response.cancel" });
        var events = await socket.ReceiveUntilAsync("response.done");
        var done = events[^1];
        Assert.DoesNotContain(events, e => RealtimeTestSocket.Type(e) is "error" or "response.output_audio.delta");
        Assert.Equal("cancelled", done.GetProperty("response").GetProperty("status").GetString());
        Assert.Equal("client_cancelled", done.GetProperty("response").GetProperty("status_details").GetProperty("reason").GetString());
        Assert.Equal(Endpoints.Realtime.RealtimeUsage.AudioTokens(100), done.GetProperty("response").GetProperty("usage").GetProperty("output_token_details").GetProperty("audio_tokens").GetInt32());
        return done;
    }

    /// <summary>An emulator at the audio's pace on a fake clock that only the test could move.</summary>
    public sealed class PacedEmulatorFixture : EmulatorFixture
    {
        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

        protected override EmulatorOptions CreateOptions() => new() { RealtimePace = RealtimePace.Realtime, Time = Clock };
    }
}
