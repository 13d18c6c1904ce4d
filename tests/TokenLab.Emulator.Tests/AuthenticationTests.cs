using System.Net;
using System.Net.Http.Headers;

namespace TokenLab.Emulator.Tests;

public sealed class RestrictedKeyEmulatorFixture : EmulatorFixture
{
    public const string FullKey = "sk-full-access-0001";
    public const string LimitedKey = "sk-limited-0002";

    protected override EmulatorOptions CreateOptions() => new()
    {
        ApiKeys = new Dictionary<string, IReadOnlyList<string>?>
        {
            [FullKey] = null,
            [LimitedKey] = ["tts-1", "whisper"], // an alias counts as the model
        },
    };
}

public sealed class AuthenticationTests : IClassFixture<RestrictedKeyEmulatorFixture>
{
    private readonly RestrictedKeyEmulatorFixture _emulator;

    public AuthenticationTests(RestrictedKeyEmulatorFixture emulator)
    {
        emulator.Reset();
        _emulator = emulator;
    }

    [Theory]
    [InlineData("/v1/models")]
    [InlineData("/v1/models/tts-1")]
    [InlineData("/v1/models/tts-1/pricing")]
    [InlineData("/v1/realtime")]
    public async Task PublicRoutesNeedNoKey(string path)
    {
        using var response = await _emulator.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/v1/models", "Bearer sk-wrong-key-9999")]
    [InlineData("/v1/models", "Basic dXNlcjpwYXNz")]
    [InlineData("/v1/models", RestrictedKeyEmulatorFixture.FullKey)]
    [InlineData("/v1/models", "Bearer")]
    [InlineData("/v1/models/tts-1", "Bearer sk-wrong-key-9999")]
    [InlineData("/v1/models/tts-1/pricing", "Bearer sk-wrong-key-9999")]
    [InlineData("/v1/realtime", "Bearer sk-wrong-key-9999")]
    public async Task AKeyThatIsSentMustBeValid(string path, string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await _emulator.Client.SendAsync(request);
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var requestId = response.Header("X-Request-ID");
        Assert.Equal(
            $$$"""{"error":{"message":"Invalid API key provided","type":"invalid_api_key","code":"invalid_api_key","request_id":"{{{requestId}}}"}}""",
            body.GetRawText());
    }

    [Fact]
    public async Task AnUnrestrictedKeySeesTheWholeCatalog()
    {
        using var request = Authorized("/v1/models?view=compact", RestrictedKeyEmulatorFixture.FullKey);
        using var response = await _emulator.Client.SendAsync(request);

        Assert.Equal(15, (await response.ReadJsonAsync()).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task ARestrictedKeySeesOnlyItsModels()
    {
        using (var request = Authorized("/v1/models", RestrictedKeyEmulatorFixture.LimitedKey))
        using (var response = await _emulator.Client.SendAsync(request))
        {
            Assert.Equal(["tts-1", "whisper-1"], (await response.ReadJsonAsync()).Ids());
        }

        using (var request = Authorized("/v1/models?view=compact&recommended_for=stt", RestrictedKeyEmulatorFixture.LimitedKey))
        using (var response = await _emulator.Client.SendAsync(request))
        {
            Assert.Equal(["whisper-1"], (await response.ReadJsonAsync()).Ids());
        }

        using (var request = Authorized("/v1/models/tts-1-1106", RestrictedKeyEmulatorFixture.LimitedKey))
        using (var response = await _emulator.Client.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using (var request = Authorized("/v1/models/tts-1-hd", RestrictedKeyEmulatorFixture.LimitedKey))
        using (var response = await _emulator.Client.SendAsync(request))
        {
            var error = (await response.ReadJsonAsync()).GetProperty("error");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("model_not_found", error.GetProperty("code").GetString());
            Assert.Equal("tts-1", error.GetProperty("did_you_mean").GetString());
        }
    }

    [Fact]
    public async Task WithoutConfiguredKeysTheDocumentedLocalKeyIsAccepted()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        using var client = new HttpClient { BaseAddress = server.BaseUri };

        using var valid = await client.SendAsync(Authorized("/v1/models", EmulatorOptions.DefaultApiKey));
        using var invalid = await client.SendAsync(Authorized("/v1/models", RestrictedKeyEmulatorFixture.FullKey));

        Assert.Equal("sk-emulator-local-key", EmulatorOptions.DefaultApiKey);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, invalid.StatusCode);
    }

    private static HttpRequestMessage Authorized(string path, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }
}
