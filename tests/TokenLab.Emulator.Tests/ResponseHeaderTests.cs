using System.Globalization;
using System.Text.RegularExpressions;

namespace TokenLab.Emulator.Tests;

public sealed partial class ResponseHeaderTests : IClassFixture<EmulatorFixture>
{
    private readonly HttpClient _client;

    public ResponseHeaderTests(EmulatorFixture emulator)
    {
        emulator.Reset();
        _client = emulator.Client;
    }

    [Theory]
    [InlineData("/v1/models")]
    [InlineData("/v1/models?view=wide")]
    [InlineData("/v1/models/gpt-5.4")]
    [InlineData("/v1/models/no-such-model")]
    [InlineData("/v1/models/tts-1/pricing")]
    [InlineData("/v1/realtime")]
    [InlineData("/v1/unknown")]
    [InlineData("/_emulator/health")]
    public async Task EveryResponseCarriesARequestIdAndRateLimitHeaders(string path)
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var response = await _client.GetAsync(path);
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        Assert.Matches(RequestIdPattern(), response.Header("X-Request-ID"));
        Assert.Equal("1000", response.Header("X-RateLimit-Limit"));
        Assert.InRange(int.Parse(response.Header("X-RateLimit-Remaining"), CultureInfo.InvariantCulture), 0, 999);
        var reset = long.Parse(response.Header("X-RateLimit-Reset"), CultureInfo.InvariantCulture);
        Assert.Equal(0, reset % 60);
        Assert.InRange(reset, before + 1, after + 60);
    }

    [Fact]
    public async Task RequestIdsAreUnique()
    {
        var ids = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await _client.GetAsync("/v1/realtime");
            Assert.True(ids.Add(response.Header("X-Request-ID")));
        }
    }

    [Fact]
    public async Task RemainingRequestsCountDownWithinAWindow()
    {
        using var first = await _client.GetAsync("/v1/realtime");
        using var second = await _client.GetAsync("/v1/realtime");

        var firstRemaining = int.Parse(first.Header("X-RateLimit-Remaining"), CultureInfo.InvariantCulture);
        var secondRemaining = int.Parse(second.Header("X-RateLimit-Remaining"), CultureInfo.InvariantCulture);
        var sameWindow = first.Header("X-RateLimit-Reset") == second.Header("X-RateLimit-Reset");
        Assert.True(sameWindow ? secondRemaining < firstRemaining : secondRemaining == 999);
    }

    [GeneratedRegex("^req_[0-9A-HJKMNP-TV-Z]{26}$")]
    private static partial Regex RequestIdPattern();
}
