using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace TokenLab.Emulator.Tests;

/// <summary>
/// Where TokenLab's contract is strict, the emulator is too (an invalid delivery policy, a JSON body sent as a
/// form, a voice the model does not list, timestamps sent to translations), and where the contract allows a
/// request, the emulator takes it (the default stream_format, MiniMax's voice_id, the plain
/// timestamp_granularities part name, a translation without a model).
/// </summary>
public sealed class ContractStrictnessTests : IClassFixture<EmulatorFixture>
{
    private const string Speech = "/v1/audio/speech";
    private const string Transcriptions = "/v1/audio/transcriptions";
    private const string Translations = "/v1/audio/translations";

    private readonly HttpClient _client;

    public ContractStrictnessTests(EmulatorFixture emulator)
    {
        emulator.Reset();
        _client = emulator.Client;
    }

    [Theory]
    [InlineData(Speech)]
    [InlineData(Transcriptions)]
    [InlineData(Translations)]
    public async Task AnInvalidDeliveryPolicyIs400AndAValidOneIsTaken(string route)
    {
        using var refused = await SendAsync(route, "fastest");
        using var taken = await SendAsync(route, "verified");
        var error = (await refused.ReadJsonAsync()).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("X-TokenLab-Delivery-Policy", error.GetProperty("param").GetString());
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/plain")]
    public async Task ASpeechBodyThatIsNotSentAsJsonIs415(string mediaType)
    {
        using var response = await PostSpeechAsync("""{"model":"tts-1","input":"Hi","voice":"alloy"}""", mediaType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported_media_type", (await response.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("""{"model":"tts-1","input":"Hi","voice":"alloy","stream_format":"audio"}""")]
    [InlineData("""{"model":"tts-1-hd","input":"Hi","stream_format":"audio"}""")]
    [InlineData("""{"model":"speech-02-hd","input":"Hi","voice_id":"male-qn-qingse"}""")]
    [InlineData("""{"model":"gemini-2.5-flash-tts","input":"Hi","voice":"Kore","response_format":"wav"}""")]
    [InlineData("""{"model":"gpt-4o-mini-tts","input":"Hi","voice":{"id":"my-cloned-voice"}}""")]
    public async Task SpeechTheContractAllowsIsTaken(string body)
    {
        using var response = await PostSpeechAsync(body, "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("gemini-2.5-flash-tts", "alloy")]
    [InlineData("speech-02-hd", "nova")]
    [InlineData("tts-1", "Kore")]
    public async Task AVoiceTheModelDoesNotListIsRefused(string model, string voice)
    {
        using var response = await PostSpeechAsync($$"""{"model":"{{model}}","input":"Hi","voice":"{{voice}}"}""", "application/json");
        var error = (await response.ReadJsonAsync()).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("voice", error.GetProperty("param").GetString());
        Assert.Contains(voice, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePlainTimestampGranularitiesPartNameIsTaken()
    {
        using var response = await AudioUploads.PostAsync(_client, Transcriptions, AudioUploads.Form(
            AudioUploads.Wav(3), "a.wav", ("model", "whisper-1"), ("response_format", "verbose_json"), ("timestamp_granularities", "word")));
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(body.GetProperty("words").EnumerateArray());
    }

    [Fact]
    public async Task ATranslationWithoutAModelIsWhisper1()
    {
        using var response = await AudioUploads.PostAsync(_client, Translations, AudioUploads.Form(AudioUploads.Wav(2), "a.wav", ("response_format", "verbose_json")));
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("translate", body.GetProperty("task").GetString());
    }

    [Theory]
    [InlineData("timestamp_granularities[]")]
    [InlineData("timestamp_granularities")]
    public async Task TranslationsRefuseTimestampGranularitiesAsAnUnknownField(string part)
    {
        using var response = await AudioUploads.PostAsync(_client, Translations, AudioUploads.Form(
            AudioUploads.Wav(2), "a.wav", ("model", "whisper-1"), ("response_format", "verbose_json"), (part, "segment")));
        var error = (await response.ReadJsonAsync()).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_parameter", error.GetProperty("code").GetString());
        Assert.Equal(part, error.GetProperty("param").GetString());
    }

    private Task<HttpResponseMessage> SendAsync(string route, string deliveryPolicy)
    {
        HttpContent content = route == Speech
            ? new StringContent("""{"model":"tts-1","input":"Hi","voice":"alloy"}""", Encoding.UTF8, "application/json")
            : AudioUploads.Form(AudioUploads.Wav(1), "a.wav", ("model", "whisper-1"));
        var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AudioUploads.Key);
        request.Headers.Add("X-TokenLab-Delivery-Policy", deliveryPolicy);
        return _client.SendAsync(request);
    }

    private Task<HttpResponseMessage> PostSpeechAsync(string body, string mediaType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Speech) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AudioUploads.Key);
        return _client.SendAsync(request);
    }
}
