using TokenLab.Client.Tests.Infrastructure;
using TokenLab.Emulator;
using TokenLab.Emulator.Faults;

namespace TokenLab.Client.Tests;

public sealed class ApiErrorTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture emulator;
    private readonly TokenLabClient client;

    public ApiErrorTests(EmulatorFixture emulator)
    {
        this.emulator = emulator;
        emulator.Reset();
        client = emulator.CreateClient(o => o.MaxRetries = 0).Client;
    }

    private Task<TokenLabApiException> FailAsync(FaultSpec fault)
    {
        emulator.AddFault(fault);
        return Assert.ThrowsAsync<TokenLabApiException>(() => client.GetModelAsync("tts-1", CancellationToken.None));
    }

    [Fact]
    public async Task BadRequestCarriesValidationErrors()
    {
        var error = await Assert.ThrowsAsync<TokenLabApiException>(
            () => client.ListModelsAsync(new ModelListQuery { Category = "bogus", RecommendedFor = "realtime" }, CancellationToken.None));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("invalid_request_error", error.ErrorType);
        Assert.Equal("category", error.Param);
        Assert.Equal(2, error.ValidationErrors.Count);
        Assert.Equal(("category", "invalid_enum_value"), (error.ValidationErrors[0].Field, error.ValidationErrors[0].Code));
        Assert.Equal("recommended_for", error.ValidationErrors[1].Field);
        Assert.Contains("received 'realtime'", error.ValidationErrors[1].Message, StringComparison.Ordinal);
        Assert.StartsWith("TokenLab API error 400 invalid_request_error: category: Invalid enum value.", error.Message, StringComparison.Ordinal);
        Assert.Contains("validation_errors", error.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InjectedValidationErrorsAreRead()
    {
        var error = await FailAsync(new FaultSpec
        {
            Status = 400,
            Message = "model: Model is required",
            Param = "model",
            ValidationErrors = [new ValidationIssue("model", "Model is required"), new ValidationIssue("voice", "Unknown voice", "invalid_voice")],
        });

        Assert.Equal("model: Model is required", error.ServerMessage);
        Assert.Equal(["model: Model is required", "voice: Unknown voice"], error.ValidationErrors.Select(v => v.ToString()));
        Assert.Null(error.ValidationErrors[0].Code);
        Assert.Equal("invalid_voice", error.ValidationErrors[1].Code);
    }

    [Fact]
    public async Task UnauthorizedForAnUnknownKey()
    {
        var wrongKey = emulator.CreateClient(o => o.ApiKey = "sk-not-a-real-key-0000000000").Client;

        var error = await Assert.ThrowsAsync<TokenLabApiException>(() => wrongKey.ListModelsAsync(new ModelListQuery(), CancellationToken.None));

        Assert.Equal(401, error.StatusCode);
        Assert.Equal("invalid_api_key", error.ErrorType);
        Assert.Equal("invalid_api_key", error.ErrorCode);
        Assert.Equal("Invalid API key provided", error.ServerMessage);
        Assert.Equal(Assert.Single(emulator.Requests).RequestId, error.RequestId);
    }

    [Fact]
    public async Task PaymentRequiredKeepsBalanceFieldsInBody()
    {
        var error = await FailAsync(new FaultSpec
        {
            Status = 402,
            ContentType = "application/json",
            RawBody = """{"error":{"message":"Insufficient balance","type":"insufficient_balance","code":"insufficient_balance","balance_usd":0.12,"estimated_cost_usd":0.5}}""",
        });

        Assert.Equal(402, error.StatusCode);
        Assert.Equal("insufficient_balance", error.ErrorCode);
        Assert.Contains("\"balance_usd\":0.12", error.Body, StringComparison.Ordinal);
        Assert.Contains("\"estimated_cost_usd\":0.5", error.Body, StringComparison.Ordinal);
        Assert.Equal("TokenLab API error 402 insufficient_balance: Insufficient balance (request ID " + emulator.Requests[0].RequestId + ")", error.Message);
    }

    [Theory]
    [InlineData(403, "permission_error", "model_not_allowed")]
    [InlineData(413, "invalid_request_error", "payload_too_large")]
    [InlineData(500, "server_error", "server_error")]
    [InlineData(502, "upstream_error", "upstream_error")]
    [InlineData(504, "timeout_error", "timeout_error")]
    public async Task StatusErrorsCarryTypeAndCode(int status, string type, string code)
    {
        var error = await FailAsync(new FaultSpec { Status = status });

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(type, error.ErrorType);
        Assert.Equal(code, error.ErrorCode);
        Assert.False(string.IsNullOrEmpty(error.ServerMessage));
        Assert.False(error.RetryWaitExceedsLimit);
        Assert.StartsWith($"TokenLab API error {status} {code}: {error.ServerMessage}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotFoundSuggestsTheClosestModel()
    {
        var error = await Assert.ThrowsAsync<TokenLabApiException>(() => client.GetModelAsync("tts-2", CancellationToken.None));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("model_not_found", error.ErrorCode);
        Assert.Equal("tts-1", error.DidYouMean);
        Assert.Equal("Model 'tts-2' not found", error.ServerMessage);
    }

    [Fact]
    public async Task RateLimitCarriesRetryInformation()
    {
        var error = await FailAsync(new FaultSpec { Status = 429, RetryAfter = 8, RetryAfterBody = 9 });

        Assert.Equal("rate_limit_exceeded", error.ErrorCode);
        Assert.True(error.Retryable);
        Assert.Equal(TimeSpan.FromSeconds(8), error.RetryAfter);
        Assert.Equal("TokenLab API error 429 rate_limit_exceeded: Rate limit: 1000 rpm exceeded (request ID " + error.RequestId + ")", error.Message);
    }

    [Fact]
    public async Task ServiceUnavailableWithoutTypeFallsBackToCode()
    {
        var error = await FailAsync(new FaultSpec { Status = 503, OmitType = true, Code = "delivery_tier_unavailable", RetryAfterBody = 1.5 });

        Assert.Null(error.ErrorType);
        Assert.Equal("delivery_tier_unavailable", error.ErrorCode);
        Assert.True(error.Retryable);
        Assert.Equal(TimeSpan.FromSeconds(1.5), error.RetryAfter);
        Assert.StartsWith("TokenLab API error 503 delivery_tier_unavailable: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorWithNeitherTypeNorCodeStillNamesTheStatus()
    {
        var error = await FailAsync(new FaultSpec { Status = 500, OmitType = true, Code = string.Empty, Message = "It broke" });

        Assert.Null(error.ErrorType);
        Assert.Null(error.ErrorCode);
        Assert.StartsWith("TokenLab API error 500: It broke (request ID req_", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HtmlPageFromAProxyIsDescribed()
    {
        const string page = "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>";
        var error = await FailAsync(new FaultSpec { Status = 502, RawBody = page, ContentType = "text/html", RequestId = RequestIdPlacement.Header });

        Assert.Equal(502, error.StatusCode);
        Assert.Null(error.ErrorType);
        Assert.Contains("HTML page", error.ServerMessage, StringComparison.Ordinal);
        Assert.Contains("\"502 Bad Gateway\"", error.ServerMessage, StringComparison.Ordinal);
        Assert.Equal(page, error.Body);
        Assert.Equal(emulator.Requests[0].RequestId, error.RequestId);
        Assert.StartsWith("TokenLab API error 502: The server returned an HTML page", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyBodyIsDescribed()
    {
        var error = await FailAsync(new FaultSpec { Status = 503, RawBody = string.Empty });

        Assert.Equal("The server returned an empty body.", error.ServerMessage);
        Assert.Equal(string.Empty, error.Body);
        Assert.Equal("TokenLab API error 503: The server returned an empty body. (request ID " + emulator.Requests[0].RequestId + ")", error.Message);
    }

    [Fact]
    public async Task PlainTextBodyIsQuoted()
    {
        var error = await FailAsync(new FaultSpec { Status = 502, RawBody = "upstream connect error\nor disconnect/reset before headers" });

        Assert.Equal("The server returned a non-JSON body (text/plain): \"upstream connect error or disconnect/reset before headers\".", error.ServerMessage);
    }

    [Fact]
    public async Task LongBodyIsKeptToEightKiB()
    {
        var error = await FailAsync(new FaultSpec { Status = 500, RawBody = new string('x', 20_000) });

        Assert.Equal(8 * 1024, error.Body!.Length);
        Assert.EndsWith("...\".", error.ServerMessage, StringComparison.Ordinal);
    }
}
