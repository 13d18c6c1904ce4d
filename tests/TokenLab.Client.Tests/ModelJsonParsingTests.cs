using System.Text.Json;
using TokenLab.Client.Models;

namespace TokenLab.Client.Tests;

/// <summary>Shapes the emulator's catalog may not cover: legacy keys, compact entries, realtime markers.</summary>
public sealed class ModelJsonParsingTests
{
    private static TokenLabModel Parse(string json, string? recommendedFor = null, bool isDetail = false)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return TokenLabModel.FromJson(document.RootElement, recommendedFor, isDetail);
    }

    [Fact]
    public void FullEntryMapsTokenLabExtension()
    {
        TokenLabModel model = Parse("""
            { "id": "tts-x", "object": "model", "created": 1706000000, "owned_by": "openai", "future_field": 42,
              "tokenlab": {
                "aliases": ["tts-x-1"], "capabilities": ["tts", "streaming"], "category": "tts",
                "pricing_unit": "per_1m_characters", "has_complex_pricing": false,
                "pricing": { "currency": "USD", "input_per_1m": "0.015" },
                "pricing_summary": { "unit": "per_1m_characters", "currency": "USD", "headline": "$0.015 per 1M input characters" },
                "supported_operations": ["audio.speech"],
                "lifecycle": { "stage": "deprecated", "sunset_at": "2026-12-31T00:00:00Z", "replacement_model": "tts-y", "latest": false },
                "agent_preferences": { "tts": { "preferred_rank": 3, "success_rate_24h": 0.99, "sample_count_24h": 120, "status": "ready" } },
                "request_format_summary": { "supported_parameters": ["voice"], "output_formats": ["mp3", "wav"], "request_endpoint": "/v1/audio/speech" } } }
            """, recommendedFor: "tts", isDetail: true);

        Assert.Equal("tts-x", model.Id);
        Assert.Equal("openai", model.Provider);
        Assert.Equal("tts", model.Category);
        Assert.Equal(new DateTimeOffset(2024, 1, 23, 8, 53, 20, TimeSpan.Zero), model.Created);
        Assert.Equal(["tts", "streaming"], model.Capabilities);
        Assert.Equal(["tts-x-1"], model.Aliases);
        Assert.Equal("per_1m_characters", model.PricingUnit);
        Assert.Equal(0.015m, model.Pricing!.InputPer1M);
        Assert.Equal("USD", model.Pricing.Currency);
        Assert.Equal("per_1m_characters", model.Pricing.Unit);
        Assert.Equal("0.015 USD per_1m_characters", model.Pricing.ToString());
        Assert.Equal("$0.015 per 1M input characters", model.PricingHeadline);
        Assert.Equal("deprecated", model.LifecycleStage);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero), model.SunsetAt);
        Assert.Equal("tts-y", model.ReplacementModel);
        Assert.False(model.IsLatest);
        Assert.Equal("tts", model.RecommendedFor);
        Assert.Equal(3, model.RecommendationRank);
        Assert.Equal(0.99, model.SuccessRate24h);
        Assert.Equal(120, model.SampleCount24h);
        Assert.Equal("ready", model.RecommendationStatus);
        Assert.Equal(["audio.speech"], model.SupportedOperations);
        Assert.Equal(["voice"], model.SupportedParameters);
        Assert.Equal(["mp3", "wav"], model.OutputFormats);
        Assert.False(model.SupportsRealtime);
        Assert.True(model.IsDetail);
        Assert.Contains("\"future_field\": 42", model.Json, StringComparison.Ordinal);
        Assert.Equal("tts-x", model.ToString());
    }

    [Fact]
    public void LegacyLemonDataKeyIsReadWhenTokenLabIsAbsent()
    {
        TokenLabModel model = Parse("""
            { "id": "qwen-rt", "owned_by": "alibaba",
              "lemondata": { "category": "audio", "pricing_unit": "per_1m_tokens",
                "capability_flags": { "realtime": true, "tts": true, "vision": false },
                "public_contract_summary": { "public_operations": ["tts.realtime"], "output_formats": ["pcm"],
                  "request_endpoint_by_operation": { "tts.realtime": "/v1/realtime" } } } }
            """);

        Assert.Equal("audio", model.Category);
        Assert.Equal("per_1m_tokens", model.PricingUnit);
        Assert.Equal(["realtime", "tts"], model.Capabilities);
        Assert.Equal(["tts.realtime"], model.SupportedOperations);
        Assert.Equal(["pcm"], model.OutputFormats);
        Assert.True(model.SupportsRealtime);
        Assert.Null(model.Pricing);
        Assert.Null(model.Created);
    }

    [Fact]
    public void TokenLabFieldsWinOverLegacyOnes()
    {
        TokenLabModel model = Parse("""
            { "id": "m", "tokenlab": { "category": "tts" }, "lemondata": { "category": "audio", "pricing_unit": "per_request" } }
            """);

        Assert.Equal("tts", model.Category);
        Assert.Equal("per_request", model.PricingUnit);
    }

    [Theory]
    [InlineData("""{ "request_format_summary": { "request_endpoint": "/v1/realtime" } }""")]
    [InlineData("""{ "request_format_summary": { "request_endpoint_by_operation": { "speak": "/v1/audio/speech", "live": "/v1/realtime?model=x" } } }""")]
    [InlineData("""{ "request_format_summary": { "operation_constraints": [ { "operation": "live", "request_endpoint": "/v1/realtime" } ] } }""")]
    [InlineData("""{ "request_format_details": { "operation_constraints": [ { "request_endpoint": "/v1/realtime" } ] } }""")]
    [InlineData("""{ "supported_operations": ["realtime"] }""")]
    [InlineData("""{ "request_format_summary": { "public_operations": ["audio.realtime"] } }""")]
    public void RealtimeIsDetectedWhereverTheEndpointIsNamed(string extension)
    {
        Assert.True(Parse("""{ "id": "m", "tokenlab": """ + extension + " }").SupportsRealtime);
    }

    [Fact]
    public void RealtimeIsFalseWhenTheSummaryNamesOtherEndpointsAndNullWhenItSaysNothing()
    {
        Assert.False(Parse("""{ "id": "m", "tokenlab": { "request_format_summary": { "request_endpoint": "/v1/audio/speech" } } }""").SupportsRealtime);
        Assert.Null(Parse("""{ "id": "m", "tokenlab": { "category": "audio" } }""").SupportsRealtime);
    }

    [Fact]
    public void CompactEntryIsRead()
    {
        TokenLabModel model = Parse("""
            { "id": "whisper-1", "provider": "openai", "category": "stt", "capabilities": ["stt"],
              "pricing": { "unit": "per_minute", "currency": "USD", "input_per_1m": null, "per_request": "0.0060",
                           "min_price": "0.006", "max_price": "0.006", "has_complex_pricing": true },
              "status": "active", "latest": true, "supported_operations": ["audio.transcriptions"],
              "request_endpoint": "/v1/audio/transcriptions",
              "recommendation": { "preferred_rank": 1, "success_rate_24h": 0.5, "sample_count_24h": 10, "status": "ready" } }
            """, recommendedFor: "stt");

        Assert.Equal("openai", model.Provider);
        Assert.Equal("stt", model.Category);
        Assert.Equal("per_minute", model.PricingUnit);
        Assert.Null(model.Pricing!.InputPer1M);
        Assert.Equal(0.006m, model.Pricing.PerRequest);
        Assert.Equal(0.006m, model.Pricing.MinPrice);
        Assert.True(model.Pricing.HasComplexPricing);
        Assert.Equal("0.006 USD per_minute", model.Pricing.ToString());
        Assert.Equal("active", model.LifecycleStage);
        Assert.True(model.IsLatest);
        Assert.Equal(1, model.RecommendationRank);
        Assert.Equal("ready", model.RecommendationStatus);
        Assert.False(model.SupportsRealtime);
        Assert.False(model.IsDetail);
    }

    [Fact]
    public void MissingAndMistypedFieldsReadAsEmpty()
    {
        TokenLabModel model = Parse("""{ "id": "m", "created": "not a time", "tokenlab": { "capabilities": "tts", "pricing": { "input_per_1m": "n/a" } } }""");

        Assert.Null(model.Created);
        Assert.Empty(model.Capabilities);
        Assert.Empty(model.Aliases);
        Assert.Null(model.Pricing!.InputPer1M);
        Assert.Null(model.LifecycleStage);
        Assert.Null(model.RecommendationRank);
    }

    [Fact]
    public void PricingSummaryNamesInputAndOutputPrices()
    {
        TokenLabModel model = Parse("""{ "id": "m", "tokenlab": { "pricing_unit": "per_1m_tokens", "pricing": { "currency": "USD", "input_per_1m": "2.50", "output_per_1m": "10" } } }""");

        Assert.Equal(2.5m, model.Pricing!.InputPer1M);
        Assert.Equal("input 2.5, output 10 USD per_1m_tokens", model.Pricing.ToString());
    }

    [Fact]
    public void NonObjectIsRejected()
    {
        using JsonDocument document = JsonDocument.Parse("[1]");
        Assert.Throws<ArgumentException>(() => TokenLabModel.FromJson(document.RootElement, null, false));
    }
}
