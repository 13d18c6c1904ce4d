using System.Text;
using System.Text.Json;
using TokenLab.Client.Audio;
using TokenLab.Client.Speech;
using TokenLab.Client.Tests.Infrastructure;
using TokenLab.Emulator.Faults;

namespace TokenLab.Client.Tests.Speech;

public sealed class SpeechClientTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture emulator;

    public SpeechClientTests(EmulatorFixture emulator)
    {
        this.emulator = emulator;
        emulator.Reset();
    }

    [Fact]
    public async Task AudioStreamsToTheWriterWithItsMetadata()
    {
        var client = emulator.CreateClient().Client;
        using var audio = new MemoryStream();
        var progress = new RecordingProgress();

        TokenLabResponse<SpeechResult> response = await client.CreateSpeechAsync(
            new SpeechRequest { Input = "Hello from the client.", Voice = "nova", ResponseFormat = "wav" },
            (stream, token) => stream.CopyToAsync(audio, token),
            progress,
            CancellationToken.None);

        Assert.Equal("audio/wav", response.Value.ContentType);
        Assert.False(response.Value.Streamed);
        Assert.Null(response.Value.Usage);
        Assert.Equal(audio.Length, response.Value.AudioBytes);
        Assert.Equal(audio.Length, progress.Bytes);
        Assert.Equal([null], progress.Lengths);
        Assert.Equal(emulator.Requests[0].RequestId, response.Metadata.RequestId);
        Assert.StartsWith("bill_", response.Metadata.BillingTransactionId, StringComparison.Ordinal);
        audio.Position = 0;
        Assert.Equal(TimeSpan.FromSeconds(1.32), await AudioDuration.ReadAsync(audio, "wav", CancellationToken.None));
    }

    [Fact]
    public async Task OnlyTheFieldsThatAreSetAreSent()
    {
        var client = emulator.CreateClient().Client;

        await client.CreateSpeechAsync(new SpeechRequest { Input = "Hi" }, Drain, null, CancellationToken.None);
        await client.CreateSpeechAsync(
            new SpeechRequest { Model = "gpt-4o-mini-tts", Input = "Hi", VoiceId = "v-1", Instructions = "Calm", Speed = 1.25, ResponseFormat = "pcm" },
            Drain, null, CancellationToken.None);

        Assert.Equal("""{"model":"tts-1","input":"Hi"}""", emulator.Requests[0].Body);
        using var second = JsonDocument.Parse(emulator.Requests[1].Body!);
        Assert.Equal(["model", "input", "voice", "instructions", "response_format", "speed"], second.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("v-1", second.RootElement.GetProperty("voice").GetProperty("id").GetString());
        Assert.Equal("audio/*, application/json; q=0.5", emulator.Requests[1].Headers["Accept"]);
    }

    [Fact]
    public async Task ServerSentEventsAreDecodedAndTheUsageKept()
    {
        var client = emulator.CreateClient().Client;
        using var plain = new MemoryStream();
        using var streamed = new MemoryStream();

        await client.CreateSpeechAsync(new SpeechRequest { Model = "gpt-4o-mini-tts", Input = "Same audio", ResponseFormat = "pcm" },
            (s, t) => s.CopyToAsync(plain, t), null, CancellationToken.None);
        TokenLabResponse<SpeechResult> response = await client.CreateSpeechAsync(
            new SpeechRequest { Model = "gpt-4o-mini-tts", Input = "Same audio", ResponseFormat = "pcm", Stream = true },
            (s, t) => s.CopyToAsync(streamed, t), null, CancellationToken.None);

        Assert.True(response.Value.Streamed);
        Assert.Equal("text/event-stream", response.Value.ContentType);
        Assert.Equal(plain.ToArray(), streamed.ToArray());
        Assert.Equal(3, response.Value.Usage!.InputTokens);
        Assert.Equal(response.Value.Usage.InputTokens + response.Value.Usage.OutputTokens, response.Value.Usage.TotalTokens);
        Assert.Contains("\"stream_format\":\"sse\"", emulator.Requests[1].Body, StringComparison.Ordinal);
        Assert.Equal("text/event-stream, application/json; q=0.5", emulator.Requests[1].Headers["Accept"]);
    }

    [Fact]
    public async Task ACutOffBodyIsAProtocolErrorAndIsNotRetried()
    {
        var client = emulator.CreateClient().Client;
        emulator.AddFault(new FaultSpec { Match = "/v1/audio/speech", Kind = FaultKind.Truncate });

        var error = await Assert.ThrowsAsync<TokenLabProtocolException>(() =>
            client.CreateSpeechAsync(new SpeechRequest { Input = "Cut me off", ResponseFormat = "pcm" }, Drain, null, CancellationToken.None));

        Assert.Single(emulator.Requests);
        Assert.Equal(emulator.Requests[0].RequestId, error.RequestId);
    }

    [Fact]
    public async Task ACutOffEventStreamIsAProtocolError()
    {
        var client = emulator.CreateClient().Client;
        emulator.AddFault(new FaultSpec { Match = "/v1/audio/speech", Kind = FaultKind.Truncate });

        await Assert.ThrowsAsync<TokenLabProtocolException>(() => client.CreateSpeechAsync(
            new SpeechRequest { Model = "gpt-4o-mini-tts", Input = "Cut me off", Stream = true }, Drain, null, CancellationToken.None));
    }

    [Fact]
    public async Task AFailureOfTheWriterReachesTheCallerUnchanged()
    {
        var client = emulator.CreateClient().Client;
        var diskFull = new IOException("There is not enough space on the disk.");

        var error = await Assert.ThrowsAsync<IOException>(() => client.CreateSpeechAsync(
            new SpeechRequest { Input = "Disk full" }, (_, _) => throw diskFull, null, CancellationToken.None));

        Assert.Same(diskFull, error);
    }

    [Fact]
    public async Task ErrorsBeforeTheBodyAreRetriedAndApiErrorsReported()
    {
        var client = emulator.CreateClient().Client;
        emulator.AddFault(new FaultSpec { Match = "/v1/audio/speech", Status = 503 });

        await client.CreateSpeechAsync(new SpeechRequest { Input = "Retry me" }, Drain, null, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<TokenLabApiException>(() => client.CreateSpeechAsync(
            new SpeechRequest { Input = "Hi", Stream = true }, Drain, null, CancellationToken.None));

        Assert.Equal(3, emulator.Requests.Count);
        Assert.Equal(400, refused.StatusCode);
        Assert.Equal("unsupported_parameter", refused.ErrorCode);
        Assert.Equal("stream_format", refused.Param);
    }

    [Fact]
    public async Task TheDeliveryPolicyIsSentWhenSet()
    {
        var client = emulator.CreateClient(o => o.DeliveryPolicy = "official").Client;

        await client.CreateSpeechAsync(new SpeechRequest { Input = "Hi" }, Drain, null, CancellationToken.None);

        Assert.Equal("official", emulator.Requests[0].Headers["X-TokenLab-Delivery-Policy"]);
    }

    [Fact]
    public async Task AVoiceNameAndAVoiceIdTogetherAreRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => emulator.CreateClient().Client.CreateSpeechAsync(
            new SpeechRequest { Input = "Hi", Voice = "alloy", VoiceId = "v" }, Drain, null, CancellationToken.None));
        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public async Task TheProgressIsToldTheDeclaredLengthOfTheAudio()
    {
        var client = emulator.CreateClient().Client;
        emulator.AddFault(new FaultSpec { Kind = FaultKind.Drip, Match = "/v1/audio/speech", DripBytesPerSecond = 1_000_000 });
        var declared = new RecordingProgress();
        var streamed = new RecordingProgress();

        TokenLabResponse<SpeechResult> response = await client.CreateSpeechAsync(new SpeechRequest { Input = "Sized", ResponseFormat = "wav" }, Drain, declared, CancellationToken.None);
        await client.CreateSpeechAsync(new SpeechRequest { Model = "gpt-4o-mini-tts", Input = "Events", ResponseFormat = "pcm", Stream = true }, Drain, streamed, CancellationToken.None);

        Assert.Equal([response.Value.AudioBytes], declared.Lengths);
        Assert.Equal(response.Value.AudioBytes, declared.Bytes);
        Assert.Equal([null], streamed.Lengths);
        Assert.True(streamed.Bytes > 0);
    }

    private static Task Drain(Stream audio, CancellationToken token) => audio.CopyToAsync(Stream.Null, token);

    private sealed class RecordingProgress : ISpeechDownloadProgress
    {
        public List<long?> Lengths { get; } = [];

        public long Bytes { get; private set; }

        public void Started(long? audioLength) => Lengths.Add(audioLength);

        public void Received(long count) => Bytes += count;
    }
}
