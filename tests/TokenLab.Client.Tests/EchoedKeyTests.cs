using System.Net;
using TokenLab.Client.Realtime;
using TokenLab.Client.Speech;
using TokenLab.Client.Tests.Infrastructure;
using TokenLab.Emulator.Faults;

namespace TokenLab.Client.Tests;

/// <summary>
/// A server that echoes the key back ("Incorrect API key provided: sk-…"), whole, in part or encoded, in an error
/// body, a header, an SSE error event, a realtime error event or a close frame: none of it may reach an exception,
/// an event or a trace line, neither the key nor any run of it longer than the tail its mask shows.
/// </summary>
public sealed class EchoedKeyTests : IClassFixture<EmulatorFixture>
{
    // Random, like a real key: an ordinary word in it would also be masked wherever it appears (runs of 5 are).
    private const string Key = "sk-Hq3Vt8Wz2Ng6Rb4Xm9Ld";
    private static readonly string Masked = ApiKeyMask.Mask(Key);
    private const string EmulatorKey = EmulatorFixture.ApiKey;
    private static readonly string EmulatorMasked = ApiKeyMask.Mask(EmulatorKey);
    private readonly EmulatorFixture emulator;

    public EchoedKeyTests(EmulatorFixture emulator)
    {
        this.emulator = emulator;
        emulator.Reset();
    }

    public static TheoryData<string, string, string> EchoingBodies => new()
    {
        { "plain in JSON", "application/json", ErrorJson("Incorrect API key provided: " + Key) },
        { "\\u-escaped in JSON", "application/json", ErrorJson("Incorrect API key provided: " + string.Concat(Key.Select(c => "\\u" + ((int)c).ToString("x4")))) },
        { "HTML entities in JSON", "application/json", ErrorJson("Incorrect API key provided: " + string.Concat(Key.Select(c => "&#" + (int)c + ";"))) },
        { "URL-encoded in JSON", "application/json", ErrorJson("Denied https://x.example/?api_key=" + string.Concat(Key.Select(c => "%" + ((int)c).ToString("X2")))) },
        { "in part, the middle starred", "application/json", ErrorJson("Incorrect API key provided: " + Key[..9] + "************" + Key[^4..]) },
        { "HTML entities in a page", "text/html", "<html><title>Denied</title><body>Bearer " + string.Concat(Key.Select(c => "&#x" + ((int)c).ToString("x") + ";")) + "</body></html>" },
        { "percent-encoded \\u escapes", "text/plain", "key=" + string.Concat(Key.Select(c => "%5Cu" + ((int)c).ToString("x4"))) },
        { "in every field", "application/json", "{\"error\":{\"type\":\"" + Key + "\",\"code\":\"" + Key + "\",\"param\":\"" + Key + "\",\"message\":\"" + Key + "\",\"hint\":\"" + Key + "\",\"did_you_mean\":\"" + Key + "\",\"request_id\":\"" + Key + "\"},\"validation_errors\":[{\"field\":\"" + Key + "\",\"message\":\"" + Key + "\"}]}" },
    };

    [Theory]
    [MemberData(nameof(EchoingBodies))]
    public async Task AKeyEchoedInAnErrorBodyInAnyEncodingIsMasked(string how, string contentType, string body)
    {
        using var server = new RawHttpServer(_ => RawHttpServer.Answer("401 Unauthorized", contentType, body));
        var trace = new RecordingTrace();
        var client = new TokenLabClient(new TokenLabClientOptions { BaseUri = server.BaseUri, ApiKey = Key, Trace = trace });

        var error = await Assert.ThrowsAsync<TokenLabApiException>(() => client.GetModelAsync("tts-1", CancellationToken.None));

        Assert.Equal(401, error.StatusCode);
        AssertNoKey(how, ShownBy(error));
        AssertNoKey(how, string.Join("\n", trace.AllLines));
    }

    [Fact]
    public async Task AKeyEchoedPlainlyStaysReadableAsItsMask()
    {
        using var server = new RawHttpServer(_ => RawHttpServer.Json("401 Unauthorized", ErrorJson("Incorrect API key provided: " + string.Concat(Key.Select(c => "\\u" + ((int)c).ToString("x4"))))));
        var client = new TokenLabClient(new TokenLabClientOptions { BaseUri = server.BaseUri, ApiKey = Key });

        var error = await Assert.ThrowsAsync<TokenLabApiException>(() => client.GetModelAsync("tts-1", CancellationToken.None));

        Assert.Equal("Incorrect API key provided: " + Masked, error.ServerMessage);
        Assert.Contains(Masked, error.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyEchoedInResponseHeadersIsMaskedInTheRequestIdAndTheTrace()
    {
        using var server = new RawHttpServer(request => request.Target.Contains("fail", StringComparison.Ordinal)
            ? RawHttpServer.Json("503 Service Unavailable", ErrorJson("busy"), "X-Request-ID: req_" + Key, "X-Echo: Bearer " + Key)
            : RawHttpServer.Json("200 OK", "{}", "X-Request-ID: req_" + Key, "X-Task-ID: " + Key));
        var trace = new RecordingTrace();
        var client = new TokenLabClient(new TokenLabClientOptions { BaseUri = server.BaseUri, ApiKey = Key, Trace = trace, MaxRetries = 0 });

        var error = await Assert.ThrowsAsync<TokenLabApiException>(() =>
            client.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, client.BuildUri("v1/fail", [])), CancellationToken.None));
        using var success = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, client.BuildUri("v1/models", [])), CancellationToken.None);
        ResponseMetadata metadata = success.CreateMetadata(null);

        Assert.Equal("req_" + Masked, error.RequestId);
        AssertNoKey("error", ShownBy(error));
        AssertNoKey("success", metadata.RequestId + " " + metadata.TaskId);
        Assert.Contains(trace.DebugLines, line => line.Contains("X-Echo", StringComparison.Ordinal));
        AssertNoKey("trace", string.Join("\n", trace.AllLines));
    }

    [Fact]
    public async Task AKeyEchoedInAnSseErrorEventIsMasked()
    {
        string events = "event: speech.audio.delta\ndata: {\"type\":\"speech.audio.delta\",\"audio\":\"AAAA\"}\n\n"
            + "event: error\ndata: {\"type\":\"error\",\"error\":{\"message\":\"Incorrect API key provided: \\u0073" + Key[1..] + "\"}}\n\n";
        using var server = new RawHttpServer(_ => RawHttpServer.Answer("200 OK", "text/event-stream", events));
        var client = new TokenLabClient(new TokenLabClientOptions { BaseUri = server.BaseUri, ApiKey = Key });

        var error = await Assert.ThrowsAsync<TokenLabProtocolException>(() => client.CreateSpeechAsync(
            new SpeechRequest { Model = "gpt-4o-mini-tts", Input = "hello", ResponseFormat = "pcm", Stream = true },
            (audio, token) => audio.CopyToAsync(Stream.Null, token), null, CancellationToken.None));

        Assert.Contains("Incorrect API key provided: " + Masked, error.Message, StringComparison.Ordinal);
        AssertNoKey("sse", error.ToString());
    }

    [Fact]
    public async Task AKeyEchoedInARealtimeErrorEventIsMaskedInItsFieldsAndJson()
    {
        var test = emulator.CreateClient();
        using var session = await test.Client.ConnectRealtimeAsync("gpt-realtime", null, Timeout());

        // The emulator, like the service, quotes the unknown type and the client event ID back in its error event.
        await session.SendAsync("{\"type\":\"" + EmulatorKey + "\",\"event_id\":\"" + EmulatorKey + "\"}", Timeout());
        RealtimeEvent error;
        do
        {
            error = await session.ReceiveAsync(Timeout()) ?? throw new Xunit.Sdk.XunitException("The session closed before the error event.");
        }
        while (error.GaType != RealtimeEventTypes.Error);

        Assert.Contains(EmulatorMasked, error.Error!.Message, StringComparison.Ordinal);
        AssertNoKey(EmulatorKey, "realtime", error.Error.Message + "\n" + error.Error.ClientEventId + "\n" + error.Json);
        Assert.Equal("error", System.Text.Json.JsonDocument.Parse(error.Json).RootElement.GetProperty("type").GetString());
        Assert.Equal(RealtimeSessionState.Open, session.State);
    }

    [Fact]
    public async Task AKeyEchoedInARealtimeCloseFrameIsMasked()
    {
        emulator.AddFault(new FaultSpec { Match = "/v1/realtime", Kind = FaultKind.Close, CloseStatus = 4001, CloseDescription = "bad key " + EmulatorKey[..20], AfterEvent = "session.created" });
        var test = emulator.CreateClient();
        using var session = await test.Client.ConnectRealtimeAsync("gpt-realtime", null, Timeout());

        await session.Completion.WaitAsync(Timeout());

        Assert.Equal("bad key " + EmulatorMasked, session.CloseDescription);
    }

    [Fact]
    public void TheProxyPasswordIsMaskedLikeTheKey()
    {
        var redactor = new SecretRedactor(Key, "Pr0xy-Passw0rd");

        Assert.Equal("proxy said *** and " + Masked, redactor.Redact("proxy said Pr0xy-Passw0rd and " + Key));
        Assert.Equal("no secret here: sk-other-key", redactor.Redact("no secret here: sk-other-key"));
    }

    [Fact]
    public void AShortRunInsideALongerWordIsOrdinaryTextAndALongOneIsNot()
    {
        var redactor = new SecretRedactor("sk-emulator-local-key", null);

        Assert.Equal("GET http://localhost:5099/ TokenLab.Client/1.0", redactor.Redact("GET http://localhost:5099/ TokenLab.Client/1.0"));
        Assert.Equal("echo sk-...-key!", redactor.Redact("echo sk-emula!"));
        Assert.Equal("xsk-...-keyx", redactor.Redact("xemulator-locax"));
    }

    private static string JsonUnescaped(string text)
    {
        try
        {
            return System.Text.RegularExpressions.Regex.Unescape(text);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private static string ErrorJson(string message) =>
        "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\",\"message\":\"" + message + "\"}}";

    /// <summary>Everything an exception shows: ToString (message, inner exceptions) and every text property.</summary>
    private static string ShownBy(TokenLabApiException error) => string.Join("\n",
        error.ToString(), error.ServerMessage, error.Body, error.ErrorCode, error.ErrorType, error.Param, error.Hint, error.DidYouMean,
        error.RequestId, error.Metadata.RequestId, string.Join(";", error.ValidationErrors.Select(v => v.Field + v.Message + v.Code)));

    /// <summary>Neither the key nor any run of 5 of its characters (its mask shows 4), in the text or decoded (up to three layers).</summary>
    private static void AssertNoKey(string how, string? text) => AssertNoKey(Key, how, text);

    private static void AssertNoKey(string key, string how, string? text)
    {
        text ??= string.Empty;
        string decoded = text;
        for (int layer = 0; layer < 3; layer++)
        {
            decoded = WebUtility.HtmlDecode(Uri.UnescapeDataString(JsonUnescaped(decoded)));
        }

        foreach (string shown in new[] { text, decoded })
        {
            for (int start = 0; start + 5 <= key.Length; start++)
            {
                Assert.False(shown.Contains(key.Substring(start, 5), StringComparison.Ordinal), how + ": '" + key.Substring(start, 5) + "' shows in: " + shown);
            }
        }
    }
}
