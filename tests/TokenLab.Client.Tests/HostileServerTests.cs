using System.Net;
using TokenLab.Client.Http;
using TokenLab.Client.Tests.Infrastructure;
using TokenLab.Client.Transcription;

namespace TokenLab.Client.Tests;

/// <summary>
/// A server that tries to get the key sent elsewhere, or answers what the client does not do: each test
/// runs the client against raw loopback servers written for it ("another origin" is another loopback port
/// or another loopback name for the same address).
/// </summary>
public sealed class HostileServerTests
{
    private const string Key = "sk-hostile-test-4f9a2c7e1b";
    private const string TaskId = "task_hostile";

    [Theory]
    [InlineData("/http://127.0.0.1:{other}/v1/tasks/" + TaskId)]
    [InlineData("/https://127.0.0.1:{other}/v1/tasks/" + TaskId)]
    [InlineData("http://127.0.0.1:{other}/v1/tasks/" + TaskId)]
    [InlineData("http://localhost:{base}/v1/tasks/" + TaskId)]
    [InlineData("/\\\\127.0.0.1:{other}/v1/tasks/" + TaskId)]
    [InlineData("https://127.0.0.1:{base}/v1/tasks/" + TaskId)]
    public async Task APollUrlThatResolvesToAnotherOriginIsNotPolledTheTaskEndpointOnTheBaseIs(string pollUrlPattern)
    {
        using var other = new RawHttpServer(_ => RawHttpServer.Json("200 OK", "{\"id\":\"" + TaskId + "\",\"status\":\"completed\",\"text\":\"from the other origin\"}"));
        string pollUrl = "";
        using var service = new RawHttpServer(request => request.Method == "POST"
            ? RawHttpServer.Json("200 OK", "{\"id\":\"" + TaskId + "\",\"status\":\"pending\",\"poll_url\":\"" + pollUrl.Replace("\\", "\\\\") + "\"}")
            : RawHttpServer.Json("200 OK", "{\"id\":\"" + TaskId + "\",\"status\":\"completed\",\"text\":\"from the service\"}"));
        pollUrl = pollUrlPattern.Replace("{other}", other.Port.ToString()).Replace("{base}", service.Port.ToString());
        var client = new TokenLabClient(new TokenLabClientOptions { BaseUri = service.BaseUri, ApiKey = Key, Delay = (_, _) => Task.CompletedTask });

        var response = await client.TranscribeAsync(new TranscriptionRequest(AudioUpload.FromBytes(WavTestData.Create(1), "a.wav")), null, CancellationToken.None);

        Assert.Equal("from the service", response.Value.Text);
        Assert.Empty(other.Requests);
        Assert.Equal(["POST /v1/audio/transcriptions", "GET /v1/tasks/" + TaskId], service.Requests.Select(r => r.Method + " " + r.Target));
    }

    [Fact]
    public async Task APollUrlOnTheSameOriginIsPolled()
    {
        using var service = new RawHttpServer(request => request.Method == "POST"
            ? RawHttpServer.Json("200 OK", "{\"id\":\"" + TaskId + "\",\"status\":\"pending\",\"poll_url\":\"/v1/status/" + TaskId + "?wait=1\"}")
            : RawHttpServer.Json("200 OK", "{\"id\":\"" + TaskId + "\",\"status\":\"completed\",\"text\":\"polled\"}"));
        var client = new TokenLabClient(new TokenLabClientOptions { BaseUri = service.BaseUri, ApiKey = Key, Delay = (_, _) => Task.CompletedTask });

        var response = await client.TranscribeAsync(new TranscriptionRequest(AudioUpload.FromBytes(WavTestData.Create(1), "a.wav")), null, CancellationToken.None);

        Assert.Equal("polled", response.Value.Text);
        Assert.Equal("/v1/status/" + TaskId + "?wait=1", service.Requests.ElementAt(1).Target);
    }

    [Fact]
    public async Task ARequestForAnotherOriginIsRefusedWhereItIsSent()
    {
        using var other = new RawHttpServer(_ => RawHttpServer.Json("200 OK", "{}"));
        using var service = new RawHttpServer(_ => RawHttpServer.Json("200 OK", "{}"));
        var client = new TokenLabClient(new TokenLabClientOptions { BaseUri = service.BaseUri, ApiKey = Key, MaxRetries = 3 });

        var error = await Assert.ThrowsAsync<TokenLabConfigurationException>(() =>
            client.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(other.BaseUri, "v1/models")), CancellationToken.None));

        Assert.Contains("Refusing to send the API key to http://127.0.0.1:" + other.Port, error.Message, StringComparison.Ordinal);
        Assert.Empty(other.Requests);
        Assert.Empty(service.Requests);
    }

    [Theory]
    [InlineData("ws://127.0.0.1:5000/v1/realtime", true)]
    [InlineData("http://127.0.0.1:5000/v1/models", true)]
    [InlineData("ws://127.0.0.1:5001/v1/realtime", false)]
    [InlineData("ws://localhost:5000/v1/realtime", false)]
    [InlineData("wss://127.0.0.1:5000/v1/realtime", false)]
    [InlineData("https://127.0.0.1:5000/v1/models", false)]
    public void EveryOutgoingUriHttpOrWebSocketMustHaveTheBaseOrigin(string uri, bool allowed)
    {
        var destination = new KeyDestination(new Uri("http://127.0.0.1:5000/"), carriesKey: true);

        Exception? refused = Record.Exception(() => destination.EnsureAllowed(new Uri(uri)));

        Assert.Equal(allowed, refused is null);
        Assert.True(refused is null or TokenLabConfigurationException);
        Assert.Null(Record.Exception(() => new KeyDestination(new Uri("http://127.0.0.1:5000/"), carriesKey: false).EnsureAllowed(new Uri(uri))));
    }

    [Theory]
    [InlineData("302 Found", "https://elsewhere.example/v1/models/tts-1?token=s3cret#frag", "https://elsewhere.example/v1/models/tts-1")]
    [InlineData("301 Moved Permanently", "/v2/models/tts-1?sig=abc", "http://127.0.0.1:{port}/v2/models/tts-1")]
    [InlineData("307 Temporary Redirect", "https://user:pw@elsewhere.example:8443/a", "https://elsewhere.example:8443/a")]
    public async Task ARedirectSaysWhereToAndThatItIsNotFollowedAndIsNotRetried(string status, string location, string shown)
    {
        using var service = new RawHttpServer(_ => RawHttpServer.Answer(status, "text/html", string.Empty, "Location: " + location));
        var client = new TokenLabClient(new TokenLabClientOptions { BaseUri = service.BaseUri, ApiKey = Key, MaxRetries = 3, Delay = (_, _) => Task.CompletedTask });

        var error = await Assert.ThrowsAsync<TokenLabApiException>(() => client.GetModelAsync("tts-1", CancellationToken.None));

        Assert.Equal(int.Parse(status[..3]), error.StatusCode);
        Assert.Contains("redirected the request to " + shown.Replace("{port}", service.Port.ToString()) + ";", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not follow redirects", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("empty body", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pw@", error.Message, StringComparison.Ordinal);
        Assert.Single(service.Requests);
    }
}
