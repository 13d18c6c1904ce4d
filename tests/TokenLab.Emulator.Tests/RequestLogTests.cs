using System.Net.Http.Headers;
using TokenLab.Emulator.Auth;

namespace TokenLab.Emulator.Tests;

public sealed class RequestLogTests : IClassFixture<EmulatorFixture>
{
    private const string SecretKey = "sk-emulator-local-key";

    private readonly EmulatorFixture _emulator;

    public RequestLogTests(EmulatorFixture emulator)
    {
        emulator.Reset();
        _emulator = emulator;
    }

    [Fact]
    public async Task RecordsWhatTheClientSent()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models?view=compact&recommended_for=tts");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SecretKey);
        request.Headers.UserAgent.ParseAdd("TokenLab.Tests/1.0");
        request.Headers.Add("X-TokenLab-Delivery-Policy", "verified");
        using var response = await _emulator.Client.SendAsync(request);
        using var second = await _emulator.Client.GetAsync("/v1/realtime");

        var log = _emulator.Server.RequestLog.Snapshot();
        Assert.Equal(2, log.Count);
        var first = log[0];
        Assert.Equal("GET", first.Method);
        Assert.Equal("/v1/models", first.Path);
        Assert.Equal("?view=compact&recommended_for=tts", first.Query);
        Assert.Equal(response.Header("X-Request-ID"), first.RequestId);
        Assert.Equal(ApiKeyStatus.Valid, first.ApiKeyStatus);
        Assert.Equal(200, first.StatusCode);
        Assert.Equal("TokenLab.Tests/1.0", first.Headers["User-Agent"]);
        Assert.Equal("verified", first.Headers["X-TokenLab-Delivery-Policy"]);
        Assert.Equal("Bearer sk-…-key", first.Headers["Authorization"]);
        Assert.Equal(first.Sequence + 1, log[1].Sequence);
        Assert.Equal(ApiKeyStatus.None, log[1].ApiKeyStatus);
        Assert.False(log[1].Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task TheControlApiServesTheLogWithMaskedKeysOnly()
    {
        const string Rejected = "sk-rejected-secret-9876";
        using (var valid = new HttpRequestMessage(HttpMethod.Get, "/v1/models/tts-1"))
        {
            valid.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SecretKey);
            using var response = await _emulator.Client.SendAsync(valid);
        }

        using (var invalid = new HttpRequestMessage(HttpMethod.Get, "/v1/models/tts-1"))
        {
            invalid.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Rejected);
            using var response = await _emulator.Client.SendAsync(invalid);
        }

        using var logResponse = await _emulator.Client.GetAsync("/_emulator/requests");
        var raw = await logResponse.Content.ReadAsStringAsync();
        var requests = (await _emulator.Client.GetJsonAsync("/_emulator/requests")).GetProperty("requests");

        Assert.DoesNotContain(SecretKey, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(Rejected, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(Rejected, string.Join("\n", _emulator.Server.RequestLog.Snapshot()), StringComparison.Ordinal);
        Assert.Equal(2, requests.GetArrayLength());
        Assert.Equal("Bearer sk-…9876", requests[1].GetProperty("headers").GetProperty("Authorization").GetString());
        Assert.Equal(["valid", "invalid"], requests.EnumerateArray().Select(r => r.GetProperty("apiKeyStatus").GetString()));
        Assert.Equal(
            ["apiKeyStatus", "body", "completedAt", "fault", "headers", "method", "path", "query", "requestId", "sequence", "statusCode", "timestamp"],
            requests[0].PropertyNames().Order());
    }

    [Fact]
    public async Task ClearingTheLogKeepsTheSequenceGoing()
    {
        using (await _emulator.Client.GetAsync("/v1/realtime"))
        {
        }

        var before = Assert.Single(_emulator.Server.RequestLog.Snapshot()).Sequence;
        using (var cleared = await _emulator.Client.DeleteAsync("/_emulator/requests"))
        {
            Assert.Equal(1, (await cleared.ReadJsonAsync()).GetProperty("cleared").GetInt32());
        }

        Assert.Empty(_emulator.Server.RequestLog.Snapshot());
        using (await _emulator.Client.GetAsync("/v1/realtime"))
        {
        }

        Assert.Equal(before + 1, Assert.Single(_emulator.Server.RequestLog.Snapshot()).Sequence);
    }

    [Theory]
    [InlineData("sk-emulator-local-key", "sk-…-key")]
    [InlineData("sk-abcd1234efgh5678", "sk-…5678")]
    [InlineData("sk-short", "sk-…")]
    [InlineData("sk-", "…")]
    [InlineData("tokenwithoutdash", "…dash")]
    public void KeysKeepOnlyTheirPrefixAndTail(string key, string masked)
    {
        Assert.Equal(masked, CredentialMask.MaskKey(key));
        Assert.Equal("Bearer " + masked, CredentialMask.MaskAuthorization("Bearer " + key));
    }
}
