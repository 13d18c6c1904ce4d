using TokenLab.Client.Models;
using TokenLab.Client.Tests.Infrastructure;

namespace TokenLab.Client.Tests;

public sealed class ModelCatalogTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture emulator;
    private readonly TokenLabClient client;

    public ModelCatalogTests(EmulatorFixture emulator)
    {
        this.emulator = emulator;
        emulator.Reset();
        client = emulator.CreateClient().Client;
    }

    private async Task<IReadOnlyList<TokenLabModel>> ListAsync(ModelListQuery query) =>
        (await client.ListModelsAsync(query, CancellationToken.None)).Value;

    [Fact]
    public async Task FullListIsParsed()
    {
        var response = await client.ListModelsAsync(new ModelListQuery(), CancellationToken.None);

        Assert.Equal(200, response.Metadata.StatusCode);
        Assert.True(response.Value.Count >= 10);
        TokenLabModel tts = Assert.Single(response.Value, m => m.Id == "tts-1");
        Assert.Equal("openai", tts.Provider);
        Assert.Equal("tts", tts.Category);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1699053241), tts.Created);
        Assert.Equal(["tts-1-1106"], tts.Aliases);
        Assert.Contains("tts", tts.Capabilities);
        Assert.Equal("per_1m_characters", tts.PricingUnit);
        Assert.Equal(15m, tts.Pricing!.InputPer1M);
        Assert.Equal("active", tts.LifecycleStage);
        Assert.False(tts.IsLatest);
        Assert.False(tts.SupportsRealtime);
        Assert.False(tts.IsDetail);
        Assert.Null(tts.RecommendedFor);
        Assert.Null(tts.RecommendationRank);
        Assert.Contains("\"tokenlab\"", tts.Json, StringComparison.Ordinal);

        Assert.True(response.Value.Single(m => m.Id == "gpt-realtime").SupportsRealtime);
        Assert.Null(response.Value.Single(m => m.Id == "gpt-5.4").SupportsRealtime);
        TokenLabModel deprecated = response.Value.Single(m => m.Id == "speech-01-hd");
        Assert.Equal("deprecated", deprecated.LifecycleStage);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero), deprecated.SunsetAt);
    }

    [Fact]
    public async Task CompactViewIsRequestedAndItsDecimalStringPricesAreExact()
    {
        IReadOnlyList<TokenLabModel> models = await ListAsync(new ModelListQuery { Compact = true });

        Assert.Equal("?view=compact", Assert.Single(emulator.Requests).Query);
        TokenLabModel mini = models.Single(m => m.Id == "gpt-4o-mini-tts");
        Assert.Matches("\"input_per_1m\":\\s*\"0\\.60\"", mini.Json);
        Assert.Equal("openai", mini.Provider);
        Assert.Equal("tts", mini.Category);
        Assert.Equal(0.6m, mini.Pricing!.InputPer1M);
        Assert.Equal(12m, mini.Pricing.OutputPer1M);
        Assert.Equal("USD", mini.Pricing.Currency);
        Assert.Equal("per_1m_tokens", mini.PricingUnit);
        Assert.Equal("input 0.6, output 12 USD per_1m_tokens", mini.Pricing.ToString());
        Assert.Equal("active", mini.LifecycleStage);
        Assert.False(mini.SupportsRealtime);

        TokenLabModel whisper = models.Single(m => m.Id == "whisper-1");
        Assert.Equal(0.006m, whisper.Pricing!.MinPrice);
        Assert.Equal(0.006m, whisper.Pricing.MaxPrice);
        Assert.True(models.Single(m => m.Id == "gpt-realtime").SupportsRealtime);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RecommendedForListIsInRankOrderWithEvidence(bool compact)
    {
        IReadOnlyList<TokenLabModel> models = await ListAsync(new ModelListQuery { RecommendedFor = "tts", Compact = compact });

        Assert.Equal(["gpt-4o-mini-tts", "tts-1", "speech-02-hd", "tts-1-hd", "gemini-2.5-flash-tts"], models.Select(m => m.Id));
        Assert.Equal([1, 2, 3, 4, (int?)null], models.Select(m => m.RecommendationRank));
        Assert.All(models, m => Assert.Equal("tts", m.RecommendedFor));
        Assert.Equal(0.994, models[1].SuccessRate24h);
        Assert.Equal(1873, models[1].SampleCount24h);
        Assert.Equal("ready", models[1].RecommendationStatus);
        Assert.Equal("insufficient_samples", models[4].RecommendationStatus);
        Assert.Null(models[4].SuccessRate24h);
    }

    [Fact]
    public async Task FiltersAreSentAsQueryParameters()
    {
        IReadOnlyList<TokenLabModel> models = await ListAsync(new ModelListQuery { RecommendedFor = "stt", Category = "stt", Provider = "openai", Tag = "stt" });

        Assert.Equal("?recommended_for=stt&category=stt&provider=openai&tag=stt", Assert.Single(emulator.Requests).Query);
        Assert.NotEmpty(models);
        Assert.All(models, m => Assert.Equal(("stt", "openai"), (m.Category, m.Provider)));
    }

    [Fact]
    public async Task QueryValuesAreEscaped()
    {
        IReadOnlyList<TokenLabModel> models = await ListAsync(new ModelListQuery { Provider = "open ai&x=1" });

        Assert.Equal("?provider=open%20ai%26x%3D1", Assert.Single(emulator.Requests).Query);
        Assert.Empty(models);
    }

    [Fact]
    public async Task DetailIsParsed()
    {
        var response = await client.GetModelAsync("tts-1", CancellationToken.None);
        TokenLabModel model = response.Value;

        Assert.Equal("/v1/models/tts-1", Assert.Single(emulator.Requests).Path);
        Assert.True(model.IsDetail);
        Assert.Equal("tts-1", model.Id);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1699053241), model.Created);
        Assert.Equal(["audio.speech"], model.SupportedOperations);
        Assert.Contains("voice", model.SupportedParameters);
        Assert.Equal(["mp3", "opus", "aac", "flac", "wav", "pcm"], model.OutputFormats);
        Assert.Equal(["alloy", "ash", "coral", "echo", "fable", "onyx", "nova", "sage", "shimmer"], model.Voices);
        Assert.False(model.SupportsRealtime);
        Assert.Equal(15m, model.Pricing!.InputPer1M);
        Assert.Equal("15 USD per_1m_characters", model.Pricing.ToString());
        Assert.Contains("request_format_details", model.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RealtimeIsDetectedFromTokenLabDetail()
    {
        TokenLabModel model = (await client.GetModelAsync("gpt-realtime", CancellationToken.None)).Value;

        Assert.True(model.SupportsRealtime);
        Assert.Contains("\"tokenlab\"", model.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RealtimeIsDetectedFromLegacyLemonDataDetail()
    {
        TokenLabModel model = (await client.GetModelAsync("qwen-tts-realtime", CancellationToken.None)).Value;

        Assert.DoesNotContain("\"tokenlab\"", model.Json, StringComparison.Ordinal);
        Assert.Contains("\"lemondata\"", model.Json, StringComparison.Ordinal);
        Assert.True(model.SupportsRealtime);
        Assert.Equal("audio", model.Category);
        Assert.Equal("per_1m_tokens", model.PricingUnit);
        Assert.Equal(0.35m, model.Pricing!.InputPer1M);
        Assert.Equal(["tts.realtime"], model.SupportedOperations);
        Assert.Contains("realtime", model.Capabilities);
        Assert.Equal(["pcm"], model.OutputFormats);
    }

    [Fact]
    public async Task NonRealtimeDetailSaysFalse()
    {
        Assert.False((await client.GetModelAsync("whisper-1", CancellationToken.None)).Value.SupportsRealtime);
    }

    [Fact]
    public async Task ModelIdIsEscapedInThePath()
    {
        var error = await Assert.ThrowsAsync<TokenLabApiException>(() => client.GetModelAsync("a b?c", CancellationToken.None));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("/v1/models/a b?c", Assert.Single(emulator.Requests).Path);
        Assert.Empty(emulator.Requests[0].Query);
    }
}
