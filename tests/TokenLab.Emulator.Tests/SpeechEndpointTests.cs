using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TokenLab.Emulator.Faults;

namespace TokenLab.Emulator.Tests;

public sealed class SpeechEndpointTests : IClassFixture<RestrictedKeyEmulatorFixture>
{
    private const string Path = "/v1/audio/speech";
    private readonly RestrictedKeyEmulatorFixture _emulator;

    public SpeechEndpointTests(RestrictedKeyEmulatorFixture emulator)
    {
        emulator.Reset();
        _emulator = emulator;
    }

    [Fact]
    public async Task WavIsAValidChunkedFileThatCarriesTheText()
    {
        using var response = await PostAsync("""{"model":"tts-1","input":"Hello there.","voice":"alloy","response_format":"wav"}""");
        var wav = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.StartsWith("bill_", response.Header("X-Billing-Transaction-ID"), StringComparison.Ordinal);
        Assert.Equal("RIFF", Encoding.ASCII.GetString(wav, 0, 4));
        Assert.Equal((uint)(wav.Length - 8), BinaryPrimitives.ReadUInt32LittleEndian(wav.AsSpan(4)));
        var (dataOffset, dataSize) = FindChunk(wav, "data");
        Assert.Equal(wav.Length - dataOffset, dataSize);
        Assert.Equal(24000, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24)));
        var (commentOffset, commentSize) = FindChunk(wav, "ICMT");
        Assert.Equal("Hello there.\0", Encoding.UTF8.GetString(wav, commentOffset, commentSize));
        Assert.Equal(12 * 0.06 * 24000 * 2, dataSize, 2.0);
    }

    [Fact]
    public async Task TheSameRequestGivesTheSameAudioAndLongerTextGivesLongerAudio()
    {
        var first = await AudioAsync("""{"input":"Same words","response_format":"pcm"}""");
        var again = await AudioAsync("""{"input":"Same words","response_format":"pcm"}""");
        var longer = await AudioAsync("""{"input":"Same words, and many more of them","response_format":"pcm"}""");
        var faster = await AudioAsync("""{"input":"Same words","response_format":"pcm","speed":2}""");

        Assert.Equal(first, again);
        Assert.True(longer.Length > first.Length);
        Assert.Equal(first.Length / 2, faster.Length);
        Assert.Equal(10 * 0.06 * 24000 * 2, first.Length, 2.0);
        Assert.Contains(first, b => b != 0);
    }

    [Fact]
    public async Task Mp3IsAnId3TagAnInfoFrameAndValidSilentFrames()
    {
        using var response = await PostAsync("""{"input":"Frames of text"}""");
        var mp3 = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("audio/mpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ID3", Encoding.ASCII.GetString(mp3, 0, 3));
        var tagSize = (mp3[6] << 21) | (mp3[7] << 14) | (mp3[8] << 7) | mp3[9];
        var tag = Encoding.UTF8.GetString(mp3, 10, tagSize);
        Assert.StartsWith("TXXX", tag, StringComparison.Ordinal);
        Assert.EndsWith("TokenLab input\0Frames of text", tag, StringComparison.Ordinal);

        var frames = 0;
        for (var offset = 10 + tagSize; offset < mp3.Length; offset += 192)
        {
            Assert.Equal(new byte[] { 0xFF, 0xF3, 0x84, 0xC0 }, mp3[offset..(offset + 4)]);
            frames++;
        }

        Assert.Equal(0, (mp3.Length - 10 - tagSize) % 192);
        Assert.Equal("Info", Encoding.ASCII.GetString(mp3, 10 + tagSize + 13, 4));
        Assert.Equal(frames, BinaryPrimitives.ReadInt32BigEndian(mp3.AsSpan(10 + tagSize + 21)));
        Assert.Equal(Math.Ceiling(14 * 0.06 * 24000 / 576) + 1, frames);
    }

    [Fact]
    public async Task SseSendsBase64DeltasAndADoneEventWithUsage()
    {
        using var response = await PostAsync("""{"model":"gpt-4o-mini-tts","input":"Streamed words","response_format":"wav","stream_format":"sse"}""");
        var events = (await response.Content.ReadAsStringAsync())
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Where(e => e.StartsWith("data: ", StringComparison.Ordinal))
            .Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement)
            .ToList();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("X-Billing-Transaction-ID"));
        var audio = events.Where(e => e.GetProperty("type").GetString() == "speech.audio.delta")
            .SelectMany(e => Convert.FromBase64String(e.GetProperty("audio").GetString()!)).ToArray();
        Assert.Equal("RIFF", Encoding.ASCII.GetString(audio, 0, 4));
        Assert.Equal(0xFFFFFFFFu, BinaryPrimitives.ReadUInt32LittleEndian(audio.AsSpan(4)));
        var done = events[^1];
        Assert.Equal("speech.audio.done", done.GetProperty("type").GetString());
        var usage = done.GetProperty("usage");
        Assert.Equal(usage.GetProperty("input_tokens").GetInt32() + usage.GetProperty("output_tokens").GetInt32(), usage.GetProperty("total_tokens").GetInt32());
    }

    [Theory]
    [InlineData("""{"input":"Hi","user":"me"}""", "unsupported_parameter", "user")]
    [InlineData("""{"model":"tts-1","input":"Hi","stream_format":"sse"}""", "unsupported_parameter", "stream_format")]
    [InlineData("""{"model":"tts-1-hd","input":"Hi","stream_format":"sse"}""", "unsupported_parameter", "stream_format")]
    [InlineData("""{"model":"tts-1","input":"Hi","instructions":"Calm"}""", "unsupported_parameter", "instructions")]
    [InlineData("""{"model":"tts-2","input":"Hi"}""", "model_not_found", null)]
    [InlineData("""{"model":"whisper-1","input":"Hi"}""", "unsupported_operation", "model")]
    public async Task RefusesWhatTheContractDoesNotAllow(string body, string code, string? param)
    {
        using var response = await PostAsync(body);
        var error = (await response.ReadJsonAsync()).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(param, error.TryGetProperty("param", out var p) ? p.GetString() : null);
        Assert.Equal(response.Header("X-Request-ID"), error.GetProperty("request_id").GetString());
    }

    [Theory]
    [InlineData("""{"voice":"alloy"}""", "input")]
    [InlineData("""{"input":""}""", "input")]
    [InlineData("""{"input":"Hi","speed":4.5}""", "speed")]
    [InlineData("""{"input":"Hi","speed":0.2}""", "speed")]
    [InlineData("""{"input":"Hi","voice":{"id":"v1","name":"x"}}""", "voice")]
    [InlineData("""{"input":"Hi","response_format":"ogg"}""", "response_format")]
    [InlineData("""{"model":"speech-02-hd","input":"Hi","response_format":"opus"}""", "response_format")]
    [InlineData("""{"input":"Hi","stream_format":"chunks"}""", "stream_format")]
    public async Task InvalidFieldsGetAValidationError(string body, string field)
    {
        using var response = await PostAsync(body);
        var json = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, json.GetProperty("validation_errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task InputOverTheLimitIsRefusedAndAtTheLimitIsAccepted()
    {
        using var over = await PostAsync(JsonSerializer.Serialize(new { input = new string('a', 4097), response_format = "pcm" }));
        using var at = await PostAsync(JsonSerializer.Serialize(new { input = new string('a', 4096), response_format = "pcm" }));

        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Equal("too_long", (await over.ReadJsonAsync()).GetProperty("validation_errors")[0].GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, at.StatusCode);
    }

    [Fact]
    public async Task TheVoiceObjectFormAndInstructionsAreAcceptedWhereTheModelTakesThem()
    {
        using var response = await PostAsync("""{"model":"gpt-4o-mini-tts","input":"Hi","voice":{"id":"voice-123"},"instructions":"Warm","response_format":"flac"}""");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/flac", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("fLaC", Encoding.ASCII.GetString(bytes, 0, 4));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("sk-wrong-key-0000", HttpStatusCode.Unauthorized)]
    [InlineData(RestrictedKeyEmulatorFixture.LimitedKey, HttpStatusCode.Forbidden)]
    public async Task AValidKeyThatMayUseTheModelIsRequired(string? key, HttpStatusCode expected)
    {
        using var response = await PostAsync("""{"model":"gpt-4o-mini-tts","input":"Hi"}""", key);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task TheRequestLogShowsWhichRequestsOverlapped()
    {
        _emulator.Server.Faults.Add(new FaultSpec { Match = Path, Kind = FaultKind.Latency, LatencyMs = 300 });
        var slow = PostAsync("""{"input":"Slow"}""");
        while (_emulator.Server.RequestLog.Snapshot().Count == 0)
        {
            await Task.Yield();
        }

        using (await PostAsync("""{"input":"Fast"}"""))
        using (await slow)
        {
        }

        var log = _emulator.Server.RequestLog.Snapshot();
        Assert.True(log[1].Timestamp < log[0].CompletedAt);
        Assert.True(log[1].CompletedAt < log[0].CompletedAt);
    }

    [Fact]
    public async Task TheRequestLogKeepsTheBody()
    {
        using var response = await PostAsync("""{"input":"Logged","voice":"nova"}""");

        var entry = Assert.Single(_emulator.Server.RequestLog.Snapshot());
        Assert.Equal("""{"input":"Logged","voice":"nova"}""", entry.Body);
    }

    [Fact]
    public async Task FaultsApply()
    {
        _emulator.Server.Faults.Add(new FaultSpec { Match = Path, Status = 402 });
        _emulator.Server.Faults.Add(new FaultSpec { Match = Path, Kind = FaultKind.Truncate });

        using var refused = await PostAsync("""{"input":"Hi"}""");
        using var truncated = await PostAsync("""{"input":"Hi there","response_format":"pcm"}""", read: HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.PaymentRequired, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, truncated.StatusCode);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => truncated.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AFaultCanPickTheRequestByItsBody()
    {
        _emulator.Server.Faults.Add(new FaultSpec { Match = Path, BodyContains = "\"input\":\"bad", Status = 429, Count = 0 });

        using var good = await PostAsync("""{"input":"good line"}""");
        using var bad = await PostAsync("""{"input":"bad line"}""");
        using var goodAgain = await PostAsync("""{"input":"another good line"}""");

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, bad.StatusCode);
        Assert.Equal(HttpStatusCode.OK, goodAgain.StatusCode);
        Assert.Equal("""{"input":"another good line"}""", _emulator.Server.RequestLog.Snapshot()[2].Body);
    }

    private async Task<byte[]> AudioAsync(string body)
    {
        using var response = await PostAsync(body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private Task<HttpResponseMessage> PostAsync(string body, string? key = RestrictedKeyEmulatorFixture.FullKey, HttpCompletionOption read = HttpCompletionOption.ResponseContentRead)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return _emulator.Client.SendAsync(request, read);
    }

    /// <summary>The body offset and size of the first chunk with this ID (searching the whole file).</summary>
    private static (int Offset, int Size) FindChunk(byte[] wav, string id)
    {
        var at = wav.AsSpan().IndexOf(Encoding.ASCII.GetBytes(id));
        return (at + 8, BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(at + 4)));
    }
}
