using System.Net;
using System.Text.Json;

namespace TokenLab.Emulator.Tests;

public sealed class TranscriptionEndpointTests : IClassFixture<EmulatorFixture>
{
    private const string Transcriptions = "/v1/audio/transcriptions";
    private const string Translations = "/v1/audio/translations";

    private readonly EmulatorFixture _emulator;
    private readonly HttpClient _client;

    public TranscriptionEndpointTests(EmulatorFixture emulator)
    {
        emulator.Reset();
        _emulator = emulator;
        _client = emulator.Client;
    }

    [Fact]
    public async Task VerboseJsonHasSegmentsWordsAndWhisperFields()
    {
        using var response = await AudioUploads.PostAsync(_client, Transcriptions, AudioUploads.Form(
            AudioUploads.Wav(6), "meeting.wav",
            ("model", "whisper-1"), ("response_format", "verbose_json"), ("language", "de"),
            ("timestamp_granularities[]", "word"), ("timestamp_granularities[]", "segment")));
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("transcribe", body.GetProperty("task").GetString());
        Assert.Equal("german", body.GetProperty("language").GetString());
        Assert.Equal(6, body.GetProperty("duration").GetDouble());
        var segments = body.GetProperty("segments").EnumerateArray().ToList();
        Assert.NotEmpty(segments);
        Assert.Equal(0, segments[0].GetProperty("start").GetDouble());
        Assert.Equal(6, segments[^1].GetProperty("end").GetDouble());
        Assert.True(segments[0].TryGetProperty("avg_logprob", out _));
        Assert.True(segments[0].TryGetProperty("tokens", out _));
        var words = body.GetProperty("words").EnumerateArray().ToList();
        Assert.Equal(body.GetProperty("text").GetString()!.Split(' ').Length, words.Count);
        Assert.Equal("duration", body.GetProperty("usage").GetProperty("type").GetString());
        Assert.StartsWith("btx_", response.Header("X-Billing-Transaction-ID"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SegmentsCoverTheAudioWithoutGaps()
    {
        using var response = await AudioUploads.PostAsync(_client, Transcriptions, AudioUploads.Form(
            AudioUploads.Wav(23.5), "long.wav", ("model", "whisper-1"), ("response_format", "verbose_json")));
        var segments = (await response.ReadJsonAsync()).GetProperty("segments").EnumerateArray().ToList();

        Assert.Equal(4, segments.Count);
        for (var i = 1; i < segments.Count; i++)
        {
            Assert.Equal(i, segments[i].GetProperty("id").GetInt32());
            Assert.Equal(segments[i - 1].GetProperty("end").GetDouble(), segments[i].GetProperty("start").GetDouble());
        }

        Assert.Equal(23.5, segments[^1].GetProperty("end").GetDouble());
    }

    [Fact]
    public async Task TheSameAudioGetsTheSameTranscript()
    {
        var audio = AudioUploads.Wav(12);
        using var first = await AudioUploads.PostAsync(_client, Transcriptions, AudioUploads.Form(audio, "a.wav", ("model", "whisper-1")));
        using var second = await AudioUploads.PostAsync(_client, Transcriptions, AudioUploads.Form(audio, "b.wav", ("model", "whisper-1")));

        Assert.Equal(
            (await first.ReadJsonAsync()).GetProperty("text").GetString(),
            (await second.ReadJsonAsync()).GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("json", "application/json")]
    [InlineData("text", "text/plain")]
    [InlineData("srt", "text/plain")]
    [InlineData("vtt", "text/plain")]
    [InlineData("verbose_json", "application/json")]
    public async Task EveryResponseFormatHasItsContentType(string format, string contentType)
    {
        using var response = await AudioUploads.PostAsync(_client, Transcriptions, AudioUploads.Form(
            AudioUploads.Wav(3), "a.wav", ("model", "whisper-1"), ("response_format", format)));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        switch (format)
        {
            case "srt":
                Assert.StartsWith("1\n00:00:00,000 --> 00:00:03,000\n", text, StringComparison.Ordinal);
                break;
            case "vtt":
                Assert.StartsWith("WEBVTT\n\n00:00:00.000 --> 00:00:03.000\n", text, StringComparison.Ordinal);
                break;
            case "text":
                Assert.EndsWith(".\n", text, StringComparison.Ordinal);
                break;
            default:
                Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(text).RootElement.GetProperty("text").GetString()));
                break;
        }
    }

    [Theory]
    [InlineData("wav")]
    [InlineData("mp3")]
    public async Task AudioTheSpeechRouteMadeTranscribesBackToItsText(string format)
    {
        const string Text = "Grüße aus Köln. The backup finished! Was it fast?";
        var audio = format == "wav" ? AudioUploads.WavWithComment(Text, 4) : AudioUploads.Mp3WithTag(Text, 150);
        using var response = await AudioUploads.PostAsync(_client, Transcriptions, AudioUploads.Form(
            audio, "speech." + format, ("model", "whisper-1"), ("response_format", "verbose_json"), ("timestamp_granularities[]", "word"), ("timestamp_granularities[]", "segment")));
        var body = await response.ReadJsonAsync();

        Assert.Equal(Text, body.GetProperty("text").GetString());
        Assert.Equal(
            ["Grüße aus Köln.", "The backup finished!", "Was it fast?"],
            body.GetProperty("segments").EnumerateArray().Select(segment => segment.GetProperty("text").GetString()!.Trim()));
        Assert.Equal(
            ["Grüße", "aus", "Köln", "The", "backup", "finished", "Was", "it", "fast"],
            body.GetProperty("words").EnumerateArray().Select(word => word.GetProperty("word").GetString()));
    }

    [Theory]
    [InlineData("wav", "audio/wav")]
    [InlineData("mp3", "audio/mpeg")]
    public async Task SpeechFromTheSpeechRouteTranscribesBackToItsInput(string format, string mediaType)
    {
        const string Input = "The quarterly numbers are in. Sales grew by nine percent!";
        using var speechRequest = new HttpRequestMessage(HttpMethod.Post, "/v1/audio/speech")
        {
            Content = new StringContent($$"""{"model":"tts-1","input":"{{Input}}","voice":"alloy","response_format":"{{format}}"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        speechRequest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AudioUploads.Key);
        using var speech = await _client.SendAsync(speechRequest);
        var audio = await speech.Content.ReadAsByteArrayAsync();
        Assert.Equal(mediaType, speech.Content.Headers.ContentType?.MediaType);

        using var response = await AudioUploads.PostAsync(_client, Transcriptions, AudioUploads.Form(
            audio, "speech." + format, ("model", "whisper-1"), ("response_format", "verbose_json")));
        var body = await response.ReadJsonAsync();

        Assert.Equal(Input, body.GetProperty("text").GetString());
        Assert.Equal(2, body.GetProperty("segments").GetArrayLength());

        // The speech lasts 0.06 s per character; MP3 frames round it up to whole 24 ms frames.
        Assert.Equal(Input.Length * 0.06, body.GetProperty("duration").GetDouble(), 0.025);
    }

    [Fact]
    public async Task Mp3DurationComesFromItsFrames()
    {
        using var response = await AudioUploads.PostAsync(_client, Transcriptions, AudioUploads.Form(
            AudioUploads.Mp3(383), "a.mp3", ("model", "whisper-1"), ("response_format", "verbose_json")));

        Assert.Equal(Math.Round(383 * 1152 / 44100.0, 3), (await response.ReadJsonAsync()).GetProperty("duration").GetDouble());
    }

    [Fact]
    public async Task TranslationIsEnglishAndRefusesLanguage()
    {
        using var translated = await AudioUploads.PostAsync(_client, Translations, AudioUploads.Form(
            AudioUploads.Wav(3), "a.wav", ("model", "whisper-1"), ("response_format", "verbose_json")));
        using var refused = await AudioUploads.PostAsync(_client, Translations, AudioUploads.Form(
            AudioUploads.Wav(3), "a.wav", ("model", "whisper-1"), ("language", "de")));
        var body = await translated.ReadJsonAsync();
        var error = (await refused.ReadJsonAsync()).GetProperty("error");

        Assert.Equal("translate", body.GetProperty("task").GetString());
        Assert.Equal("english", body.GetProperty("language").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("unsupported_parameter", error.GetProperty("code").GetString());
        Assert.Equal("language", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task AFileOver25MBIs413PayloadTooLarge()
    {
        var audio = new byte[(25 * 1024 * 1024) + 1];
        using var response = await AudioUploads.PostAsync(_client, Transcriptions, AudioUploads.Form(audio, "big.wav", ("model", "whisper-1")));
        var error = (await response.ReadJsonAsync()).GetProperty("error");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("payload_too_large", error.GetProperty("code").GetString());
        Assert.Equal(response.Header("X-Request-ID"), error.GetProperty("request_id").GetString());
    }

    [Theory]
    [InlineData("notes.txt", new[] { "model", "whisper-1" }, 400, "invalid_file_format", "file")]
    [InlineData("a.wav", new string[0], 400, null, "model")]
    [InlineData("a.wav", new[] { "model", "whisper-2" }, 400, "model_not_found", "model")]
    [InlineData("a.wav", new[] { "model", "tts-1" }, 400, "unsupported_operation", "model")]
    [InlineData("a.wav", new[] { "model", "whisper-1", "user", "me" }, 400, "unsupported_parameter", "user")]
    [InlineData("a.wav", new[] { "model", "whisper-1", "language", "English" }, 400, "invalid_value", "language")]
    [InlineData("a.wav", new[] { "model", "whisper-1", "temperature", "1.5" }, 400, "invalid_value", "temperature")]
    [InlineData("a.wav", new[] { "model", "whisper-1", "response_format", "docx" }, 400, "invalid_value", "response_format")]
    [InlineData("a.wav", new[] { "model", "gpt-4o-transcribe", "response_format", "srt" }, 400, "unsupported_value", "response_format")]
    [InlineData("a.wav", new[] { "model", "whisper-1", "timestamp_granularities[]", "word" }, 400, "invalid_value", "timestamp_granularities[]")]
    [InlineData("a.wav", new[] { "model", "gpt-4o-transcribe", "response_format", "json", "timestamp_granularities[]", "word" }, 400, "unsupported_parameter", "timestamp_granularities[]")]
    public async Task InvalidUploadsGetTheDocumentedErrors(string fileName, string[] fields, int status, string? code, string param)
    {
        var pairs = fields.Chunk(2).Select(pair => (pair[0], pair[1])).ToArray();
        using var response = await AudioUploads.PostAsync(_client, Transcriptions, AudioUploads.Form(AudioUploads.Wav(1), fileName, pairs));
        var error = (await response.ReadJsonAsync()).GetProperty("error");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(code, error.TryGetProperty("code", out var actual) ? actual.GetString() : null);
    }

    [Fact]
    public async Task AMissingFileIsAValidationError()
    {
        using var response = await AudioUploads.PostAsync(_client, Transcriptions, AudioUploads.Form(null, string.Empty, ("model", "whisper-1")));
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("file", body.GetProperty("validation_errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task AudioThatIsNotWhatItsExtensionSaysIsRefused()
    {
        using var response = await AudioUploads.PostAsync(_client, Transcriptions, AudioUploads.Form(new byte[1000], "noise.wav", ("model", "whisper-1")));

        Assert.Equal("invalid_audio", (await response.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task AKeyIsRequiredAndMustAllowTheModel()
    {
        using var anonymous = await AudioUploads.PostAsync(_client, Transcriptions, AudioUploads.Form(AudioUploads.Wav(1), "a.wav", ("model", "whisper-1")), key: null);
        using var json = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        using var notMultipart = await AudioUploads.PostAsync(_client, Transcriptions, json);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("invalid_api_key", (await anonymous.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, notMultipart.StatusCode);
        Assert.Equal("invalid_multipart", (await notMultipart.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());
    }
}

public sealed class RestrictedKeyTranscriptionTests : IClassFixture<RestrictedKeyTranscriptionTests.Fixture>
{
    private readonly Fixture _emulator;

    public RestrictedKeyTranscriptionTests(Fixture emulator)
    {
        _emulator = emulator;
    }

    [Fact]
    public async Task AKeyLimitedToOtherModelsIsForbidden()
    {
        using var response = await AudioUploads.PostAsync(
            _emulator.Client, "/v1/audio/transcriptions", AudioUploads.Form(AudioUploads.Wav(1), "a.wav", ("model", "gpt-4o-transcribe")), key: Fixture.LimitedKey);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("model_not_allowed", (await response.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());
    }

    public sealed class Fixture : EmulatorFixture
    {
        public const string LimitedKey = "sk-limited-transcription-k3y";

        protected override EmulatorOptions CreateOptions()
        {
            var options = base.CreateOptions();
            options.ApiKeys[LimitedKey] = ["whisper-1"];
            return options;
        }
    }
}
