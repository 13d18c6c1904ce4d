using System.Net;
using System.Text.Json;

namespace TokenLab.Emulator.Tests;

public sealed class ModelDetailTests : IClassFixture<EmulatorFixture>
{
    private readonly HttpClient _client;

    public ModelDetailTests(EmulatorFixture emulator)
    {
        emulator.Reset();
        _client = emulator.Client;
    }

    [Theory]
    [InlineData("tts-1")]
    [InlineData("whisper-1")]
    [InlineData("gpt-realtime")]
    [InlineData("gpt-5.4")]
    [InlineData("text-embedding-3-small")]
    [InlineData("veo3.1")]
    public async Task DetailCarriesTheModelTokenLabExtension(string id)
    {
        using var response = await _client.GetAsync("/v1/models/" + id);
        var model = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["created", "id", "object", "owned_by", "tokenlab"], model.PropertyNames().Order());
        Assert.Equal(id, model.GetProperty("id").GetString());
        Assert.Equal("model", model.GetProperty("object").GetString());
        var extension = model.GetProperty("tokenlab");
        Assert.Empty(new[]
        {
            "aliases", "pricing", "capabilities", "category", "pricing_unit", "has_complex_pricing", "supported_operations",
            "pricing_provenance", "lifecycle", "commercial", "badges", "request_format_summary", "request_format_details", "accepted_request_formats",
        }.Except(extension.PropertyNames()));
        Assert.NotEmpty(extension.GetProperty("supported_operations").Strings());
    }

    [Fact]
    public async Task RequestFormatDetailsExtendTheSummary()
    {
        var extension = (await _client.GetJsonAsync("/v1/models/whisper-1")).GetProperty("tokenlab");
        var summary = extension.GetProperty("request_format_summary");
        var details = extension.GetProperty("request_format_details");

        foreach (var field in summary.EnumerateObject())
        {
            Assert.Equal(field.Value.GetRawText(), details.GetProperty(field.Name).GetRawText());
        }

        Assert.Empty(new[] { "documented_inputs", "documented_outputs", "fallback_status_endpoints", "notes", "recommended_request" }.Except(details.PropertyNames()));
    }

    [Fact]
    public async Task SpeechModelsDescribeParametersFormatsAndStreaming()
    {
        string[] allFormats = ["mp3", "opus", "aac", "flac", "wav", "pcm"];
        foreach (var id in new[] { "tts-1", "tts-1-hd" })
        {
            var summary = (await _client.GetJsonAsync("/v1/models/" + id)).GetProperty("tokenlab").GetProperty("request_format_summary");
            Assert.Equal(["model", "input", "voice", "response_format", "speed"], summary.GetProperty("supported_parameters").Strings());
            Assert.Equal(allFormats, summary.GetProperty("output_formats").Strings());
            Assert.False(summary.GetProperty("feature_flags").GetProperty("stream_format_sse").GetBoolean());
            Assert.Equal("/v1/audio/speech", summary.GetProperty("request_endpoint_by_operation").GetProperty("audio.speech").GetString());
        }

        var mini = (await _client.GetJsonAsync("/v1/models/gpt-4o-mini-tts")).GetProperty("tokenlab").GetProperty("request_format_summary");
        Assert.Contains("instructions", mini.GetProperty("supported_parameters").Strings());
        Assert.Contains("stream_format", mini.GetProperty("supported_parameters").Strings());
        Assert.True(mini.GetProperty("feature_flags").GetProperty("stream_format_sse").GetBoolean());
        Assert.Equal(allFormats, mini.GetProperty("output_formats").Strings());
    }

    [Fact]
    public async Task OnlyWhisperTranslates()
    {
        var whisper = (await _client.GetJsonAsync("/v1/models/whisper-1")).GetProperty("tokenlab");
        Assert.Equal(["audio.transcriptions", "audio.translations"], whisper.GetProperty("supported_operations").Strings());
        Assert.Equal("stt", whisper.GetProperty("category").GetString());
        var routes = whisper.GetProperty("request_format_summary").GetProperty("request_endpoint_by_operation");
        Assert.Equal("/v1/audio/transcriptions", routes.GetProperty("audio.transcriptions").GetString());
        Assert.Equal("/v1/audio/translations", routes.GetProperty("audio.translations").GetString());

        var transcribe = (await _client.GetJsonAsync("/v1/models/gpt-4o-transcribe")).GetProperty("tokenlab");
        Assert.Equal(["audio.transcriptions"], transcribe.GetProperty("supported_operations").Strings());
    }

    [Theory]
    [InlineData("gpt-realtime")]
    [InlineData("gpt-realtime-mini")]
    public async Task RealtimeModelsDeclareTheRealtimeEndpoint(string id)
    {
        var extension = (await _client.GetJsonAsync("/v1/models/" + id)).GetProperty("tokenlab");
        foreach (var section in new[] { "request_format_summary", "request_format_details" })
        {
            Assert.Equal("/v1/realtime", extension.GetProperty(section).GetProperty("request_endpoint").GetString());
            Assert.Equal("/v1/realtime", extension.GetProperty(section).GetProperty("request_endpoint_by_operation").GetProperty("realtime").GetString());
        }
    }

    [Fact]
    public async Task LegacyModelIsDescribedOnlyUnderTheLemondataKey()
    {
        var model = await _client.GetJsonAsync("/v1/models/qwen-tts-realtime");

        Assert.Equal(["created", "id", "lemondata", "object", "owned_by"], model.PropertyNames().Order());
        var summary = model.GetProperty("lemondata").GetProperty("public_contract_summary");
        Assert.Equal("/v1/realtime", summary.GetProperty("request_endpoint").GetString());
    }

    [Theory]
    [InlineData("tts-1-1106", "tts-1")]
    [InlineData("gpt-realtime-2025-08-28", "gpt-realtime")]
    [InlineData("qwen-tts-realtime-latest", "qwen-tts-realtime")]
    [InlineData("whisper", "whisper-1")]
    public async Task AliasesResolveToTheCanonicalModel(string alias, string id)
    {
        using var response = await _client.GetAsync("/v1/models/" + alias);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, (await response.ReadJsonAsync()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task DeprecatedModelAnnouncesItsSunsetAndReplacement()
    {
        var extension = (await _client.GetJsonAsync("/v1/models/speech-01-hd")).GetProperty("tokenlab");
        var lifecycle = extension.GetProperty("lifecycle");

        Assert.Equal("deprecated", lifecycle.GetProperty("stage").GetString());
        Assert.Equal("speech-02-hd", lifecycle.GetProperty("replacement_model").GetString());
        Assert.True(DateTimeOffset.TryParse(lifecycle.GetProperty("sunset_at").GetString(), out _));
        Assert.Contains(extension.GetProperty("badges").EnumerateArray(), badge => badge.GetProperty("key").GetString() == "deprecated");
    }

    [Theory]
    [InlineData("tts-2", "tts-1")]
    [InlineData("TTS-1-HD", "tts-1-hd")]
    [InlineData("whisper-2", "whisper-1")]
    [InlineData("gpt-realtime-mimi", "gpt-realtime-mini")]
    public async Task UnknownModelReturns404WithTheClosestId(string requested, string closest)
    {
        using var response = await _client.GetAsync("/v1/models/" + requested);
        var error = (await response.ReadJsonAsync()).GetProperty("error");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(["code", "did_you_mean", "message", "request_id", "type"], error.PropertyNames().Order());
        Assert.Equal($"Model '{requested}' not found", error.GetProperty("message").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Equal(closest, error.GetProperty("did_you_mean").GetString());
        Assert.Equal(response.Header("X-Request-ID"), error.GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task PricingExplainsTheModelsPrice()
    {
        var pricing = await _client.GetJsonAsync("/v1/models/tts-1/pricing");

        Assert.Empty(new[] { "model", "pricing_unit", "has_complex_pricing", "supported_operations", "pricing_summary", "pricing_provenance", "pricing_details", "scalar_pricing" }
            .Except(pricing.PropertyNames()));
        Assert.Equal("tts-1", pricing.GetProperty("model").GetString());
        Assert.Equal("per_1m_characters", pricing.GetProperty("pricing_unit").GetString());
        Assert.Equal(["audio.speech"], pricing.GetProperty("supported_operations").Strings());
        Assert.Equal(15m, pricing.GetProperty("scalar_pricing").GetProperty("input_per_1m").GetDecimal());

        var video = await _client.GetJsonAsync("/v1/models/veo3.1/pricing");
        Assert.True(video.GetProperty("has_complex_pricing").GetBoolean());
        Assert.Equal(4, video.GetProperty("pricing_details").GetProperty("tiers").GetArrayLength());

        using var missing = await _client.GetAsync("/v1/models/tts-9/pricing");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("model_not_found", (await missing.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task PlainRealtimeRequestGetsTheEndpointMetadata()
    {
        using var response = await _client.GetAsync("/v1/realtime?model=gpt-realtime");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            """{"object":"realtime.endpoint","websocket_url":"/v1/realtime?model={model}","protocol":"tokenlab_realtime_proxy"}""",
            body.GetRawText());
    }

    [Theory]
    [InlineData("GET", "/v1/chat/nothing")]
    [InlineData("GET", "/v1/models/tts-1/voices")]
    [InlineData("POST", "/v1/models")]
    [InlineData("GET", "/")]
    public async Task OtherPathsReturnTheDocumented404Body(string method, string path)
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var error = (await response.ReadJsonAsync()).GetProperty("error");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found_error", error.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.String, error.GetProperty("message").ValueKind);
        Assert.Equal(response.Header("X-Request-ID"), error.GetProperty("request_id").GetString());
    }
}
