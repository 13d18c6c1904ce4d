using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenLab.Emulator.Faults;

namespace TokenLab.Emulator.Tests;

public sealed class FaultInjectionTests : IClassFixture<EmulatorFixture>
{
    private const string FaultHeader = "X-TokenLab-Emulator-Fault";

    private readonly EmulatorFixture _emulator;
    private readonly HttpClient _client;

    public FaultInjectionTests(EmulatorFixture emulator)
    {
        emulator.Reset();
        _emulator = emulator;
        _client = emulator.Client;
    }

    [Fact]
    public async Task StatusFaultSendsTheDocumentedErrorWithRetryAfter()
    {
        _emulator.Server.Faults.Add(new FaultSpec { Match = "/v1/models", Status = 429, RetryAfter = 7, RetryAfterBody = 7.5 });

        using var response = await _client.GetAsync("/v1/models");
        var error = (await response.ReadJsonAsync()).GetProperty("error");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.Equal("0", response.Header("X-RateLimit-Remaining"));
        Assert.Equal("rate_limit_exceeded", error.GetProperty("type").GetString());
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.True(error.GetProperty("retryable").GetBoolean());
        Assert.Equal(7.5, error.GetProperty("retry_after").GetDouble());
        Assert.Equal(response.Header("X-Request-ID"), error.GetProperty("request_id").GetString());

        using var next = await _client.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Theory]
    [InlineData(400, "invalid_request_error", "invalid_request_error")]
    [InlineData(401, "invalid_api_key", "invalid_api_key")]
    [InlineData(402, "insufficient_balance", "insufficient_balance")]
    [InlineData(403, "permission_error", "model_not_allowed")]
    [InlineData(404, "not_found_error", "not_found")]
    [InlineData(413, "invalid_request_error", "payload_too_large")]
    [InlineData(429, "rate_limit_exceeded", "rate_limit_exceeded")]
    [InlineData(500, "server_error", "server_error")]
    [InlineData(502, "upstream_error", "upstream_error")]
    [InlineData(503, "all_channels_failed", "all_channels_failed")]
    [InlineData(504, "timeout_error", "timeout_error")]
    public async Task StatusFaultDefaultsFollowTheErrorGuide(int status, string type, string code)
    {
        using var response = await SendWithHeaderFaultAsync("/v1/models", $$"""{"status":{{status}}}""");
        var error = (await response.ReadJsonAsync()).GetProperty("error");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal(status is 429 or 503, error.TryGetProperty("retryable", out var retryable) && retryable.GetBoolean());
    }

    [Fact]
    public async Task StatusFaultCarriesEveryRequestedField()
    {
        _emulator.Server.Faults.Add(new FaultSpec
        {
            Status = 400,
            Type = "invalid_request_error",
            Code = "model_not_found",
            Message = "Model 'tts-x' not found",
            Param = "model",
            DidYouMean = "tts-1",
            Retryable = false,
            ValidationErrors = [new ValidationIssue("model", "Unknown model", "model_not_found")],
        });

        using var response = await _client.GetAsync("/v1/models/tts-1");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = body.GetProperty("error");
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Equal("Model 'tts-x' not found", error.GetProperty("message").GetString());
        Assert.Equal("model", error.GetProperty("param").GetString());
        Assert.Equal("tts-1", error.GetProperty("did_you_mean").GetString());
        Assert.False(error.GetProperty("retryable").GetBoolean());
        var issue = Assert.Single(body.GetProperty("validation_errors").EnumerateArray());
        Assert.Equal("""{"field":"model","message":"Unknown model","code":"model_not_found"}""", issue.GetRawText());
    }

    [Fact]
    public async Task OmitTypeAndEmptyCodeReproduceSparseDocumentedBodies()
    {
        using var response = await SendWithHeaderFaultAsync("/v1/models", """{"status":503,"omitType":true,"code":""}""");
        var error = (await response.ReadJsonAsync()).GetProperty("error");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(["message", "request_id", "retryable"], error.PropertyNames().Order());
    }

    [Fact]
    public async Task RawBodyIsSentVerbatimWithItsContentType()
    {
        const string Html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        _emulator.Server.Faults.Add(new FaultSpec { Status = 502, RawBody = Html, ContentType = "text/html" });

        using var response = await _client.GetAsync("/v1/models");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Html, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("body", true, false, true)]
    [InlineData("header", true, false, false)]
    [InlineData("legacy-header", false, true, false)]
    [InlineData("none", false, false, false)]
    public async Task RequestIdPlacementFollowsTheFault(string placement, bool header, bool legacyHeader, bool inBody)
    {
        using var response = await SendWithHeaderFaultAsync("/v1/models", $$"""{"status":500,"requestId":"{{placement}}"}""");
        var error = (await response.ReadJsonAsync()).GetProperty("error");

        Assert.Equal(header, response.Headers.Contains("X-Request-ID"));
        Assert.Equal(legacyHeader, response.Headers.Contains("x-request-id-tokenlab"));
        Assert.Equal(inBody, error.TryGetProperty("request_id", out _));
        var recorded = _emulator.Server.RequestLog.Snapshot().Single();
        var exposed = header ? response.Header("X-Request-ID") : legacyHeader ? response.Header("x-request-id-tokenlab") : null;
        Assert.True(exposed is null || exposed == recorded.RequestId);
    }

    [Fact]
    public async Task ResetDropsTheConnectionBeforeAnyResponse()
    {
        _emulator.Server.Faults.Add(new FaultSpec { Match = "/v1/models", Kind = FaultKind.Reset });

        // A new connection, because HttpClient can transparently retry a request on a reused connection that
        // dies before any response byte, which would hide the fault.
        using (var fresh = _emulator.CreateClient())
        {
            var failure = await Assert.ThrowsAsync<HttpRequestException>(() => fresh.GetAsync("/v1/models"));
            Assert.IsAssignableFrom<IOException>(failure.InnerException);
        }

        using var next = await _client.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var reset = _emulator.Server.RequestLog.Snapshot()[0];
        Assert.Null(reset.StatusCode);
        Assert.StartsWith("flt_", reset.Fault, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TruncateDeclaresTheFullLengthAndEndsHalfway()
    {
        var complete = await _client.GetByteArrayAsync("/v1/models/tts-1");
        _emulator.Server.Faults.Add(new FaultSpec { Match = "/v1/models/tts-1", Kind = FaultKind.Truncate });

        using var response = await _client.GetAsync("/v1/models/tts-1", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(complete.Length, response.Content.Headers.ContentLength);

        await using var stream = await response.Content.ReadAsStreamAsync();
        var received = 0;
        var buffer = new byte[4096];
        var failure = await Record.ExceptionAsync(async () =>
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                received += read;
            }
        });

        Assert.IsAssignableFrom<IOException>(failure);
        Assert.InRange(received, 1, complete.Length - 1);
    }

    [Fact]
    public async Task DripDeliversTheRealResponseInManySmallPieces()
    {
        var complete = await _client.GetByteArrayAsync("/v1/models/tts-1/pricing");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models/tts-1/pricing");
        request.Headers.Add(FaultHeader, """{"kind":"drip","dripBytesPerSecond":1000}""");

        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var received = new MemoryStream();
        var reads = 0;
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            reads++;
            received.Write(buffer, 0, read);
        }

        Assert.Equal(complete, received.ToArray());
        Assert.True(reads >= 3, $"expected the body in several reads, got {reads}");
    }

    [Fact]
    public async Task StallSendsHeadersAndThenNothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add(FaultHeader, """{"kind":"stall"}""");

        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await using var stream = await response.Content.ReadAsStreamAsync();
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var buffer = new byte[16];
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => _ = await stream.ReadAsync(buffer, giveUp.Token));
    }

    [Fact]
    public async Task LatencyOutlastsAShortClientTimeoutAndOtherwiseDelaysTheRealResponse()
    {
        using (var impatient = _emulator.CreateClient(TimeSpan.FromMilliseconds(300)))
        {
            using var slow = new HttpRequestMessage(HttpMethod.Get, "/v1/models/tts-1");
            slow.Headers.Add(FaultHeader, """{"kind":"latency","latencyMs":30000}""");
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient.SendAsync(slow));
        }

        using var delayed = await SendWithHeaderFaultAsync("/v1/models/tts-1", """{"kind":"latency","latencyMs":50}""");
        Assert.Equal(HttpStatusCode.OK, delayed.StatusCode);
        Assert.Equal("tts-1", (await delayed.ReadJsonAsync()).GetProperty("id").GetString());

        using var delayedError = await SendWithHeaderFaultAsync("/v1/models/tts-1", """{"status":503,"latencyMs":50}""");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, delayedError.StatusCode);
    }

    [Fact]
    public async Task QueuedFaultsMatchInOrderAndEachRequestUsesOneCount()
    {
        var ids = _emulator.Server.Faults.Add(
        [
            new FaultSpec { Match = "/v1/models", Status = 500, Count = 2 },
            new FaultSpec { Match = "/v1/models", Status = 503 },
        ]);

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await _client.GetAsync("/v1/models");
            statuses.Add((int)response.StatusCode);
            if (i == 0)
            {
                Assert.Equal(1, _emulator.Server.Faults.Snapshot()[0].Remaining);
            }
        }

        Assert.Equal([500, 500, 503, 200], statuses);
        Assert.Empty(_emulator.Server.Faults.Snapshot());
        Assert.Equal([ids[0], ids[0], ids[1], null], _emulator.Server.RequestLog.Snapshot().Select(r => r.Fault));
    }

    [Fact]
    public async Task CountZeroLastsUntilCleared()
    {
        using (var added = await _client.PostAsync("/_emulator/faults", JsonContent.Create(new { status = 502, count = 0 })))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        for (var i = 0; i < 3; i++)
        {
            using var response = await _client.GetAsync("/v1/realtime");
            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        }

        var queued = await _client.GetJsonAsync("/_emulator/faults");
        Assert.Equal(JsonValueKind.Null, queued.GetProperty("faults")[0].GetProperty("remaining").ValueKind);

        using (var cleared = await _client.DeleteAsync("/_emulator/faults"))
        {
            Assert.Equal(1, (await cleared.ReadJsonAsync()).GetProperty("cleared").GetInt32());
        }

        using var after = await _client.GetAsync("/v1/realtime");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task FaultsMatchByPathPatternAndMethod()
    {
        _emulator.Server.Faults.Add(new FaultSpec { Match = "/v1/models/*", Method = "POST", Status = 500, Count = 0 });
        _emulator.Server.Faults.Add(new FaultSpec { Match = "/V1/MODELS/*/pricing", Status = 503, Count = 0 });

        using var detail = await _client.GetAsync("/v1/models/tts-1");
        using var pricing = await _client.GetAsync("/v1/models/tts-1/pricing");
        using var post = await _client.PostAsync("/v1/models/tts-1", content: null);

        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, pricing.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, post.StatusCode);
    }

    [Fact]
    public async Task HeaderFaultsApplyToTheirRequestOnlyAndLeaveTheQueueAlone()
    {
        var queued = _emulator.Server.Faults.Add(new FaultSpec { Match = "/v1/realtime", Status = 500 });

        for (var i = 0; i < 2; i++)
        {
            using var response = await SendWithHeaderFaultAsync("/v1/models", """{"status":418,"count":1}""");
            Assert.Equal(418, (int)response.StatusCode);
        }

        using var plain = await _client.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(queued, Assert.Single(_emulator.Server.Faults.Snapshot()).Id);
        Assert.Equal(["header", "header", null], _emulator.Server.RequestLog.Snapshot().Select(r => r.Fault));
    }

    [Theory]
    [InlineData("""{"statuss":500}""")]
    [InlineData("""{"kind":"explode"}""")]
    [InlineData("""{"status":99}""")]
    [InlineData("not json")]
    public async Task AnInvalidHeaderFaultIsRejected(string fault)
    {
        using var response = await SendWithHeaderFaultAsync("/v1/models", fault);
        var error = (await response.ReadJsonAsync()).GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_emulator_fault", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task AControlRequestWithAnInvalidSpecQueuesNothing()
    {
        using var response = await _client.PostAsync(
            "/_emulator/faults",
            new StringContent("""[{"status":503},{"count":-1}]""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("count", (await response.ReadJsonAsync()).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_emulator.Server.Faults.Snapshot());
    }

    [Fact]
    public async Task ControlRequestsAreNeitherFaultedNorRecorded()
    {
        using (var added = await _client.PostAsync("/_emulator/faults", JsonContent.Create(new[] { new { match = "*", status = 500, count = 0 } })))
        {
            Assert.Equal(["flt_"], (await added.ReadJsonAsync()).GetProperty("ids").Strings().Select(id => id[..4]));
        }

        using var health = await _client.GetAsync("/_emulator/health");
        using var api = await _client.GetAsync("/v1/models");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
        Assert.Equal(["/v1/models"], _emulator.Server.RequestLog.Snapshot().Select(r => r.Path));
    }

    private async Task<HttpResponseMessage> SendWithHeaderFaultAsync(string path, string fault)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(FaultHeader, fault);
        return await _client.SendAsync(request);
    }
}
