using System.Globalization;
using System.Net;
using System.Text.Json;

namespace TokenLab.Emulator.Tests;

public sealed class ModelListTests : IClassFixture<EmulatorFixture>
{
    private static readonly string[] ListExtensionRequired =
        ["aliases", "pricing", "capabilities", "max_input_tokens", "max_output_tokens", "category", "pricing_unit", "has_complex_pricing", "lifecycle", "commercial", "badges"];

    private static readonly string[] ListExtensionAllowed =
        [.. ListExtensionRequired, "deliveryAvailability", "providers", "cache_pricing", "pricing_summary", "agent_preferences", "request_format_summary"];

    private static readonly string[] LifecycleRequired =
        ["stage", "reason", "replacement_model", "released_at", "deprecated_at", "retired_at", "sunset_at", "latest", "latest_source", "latest_window_days"];

    private static readonly string[] CompactRequired =
        ["id", "provider", "category", "capabilities", "max_input_tokens", "max_output_tokens", "pricing", "status", "latest"];

    private static readonly string[] CompactAllowed =
        [.. CompactRequired, "deliveryAvailability", "supported_operations", "request_endpoint", "recommendation"];

    private readonly HttpClient _client;

    public ModelListTests(EmulatorFixture emulator)
    {
        emulator.Reset();
        _client = emulator.Client;
    }

    [Fact]
    public async Task FullViewItemsCarryTheRequiredListExtensionAndNothingElse()
    {
        var list = await _client.GetJsonAsync("/v1/models");

        Assert.Equal("list", list.GetProperty("object").GetString());
        Assert.Equal(["data", "object"], list.PropertyNames().Order());
        Assert.Equal(15, list.GetProperty("data").GetArrayLength());
        foreach (var item in list.GetProperty("data").EnumerateArray())
        {
            Assert.Equal(["created", "id", "object", "owned_by", "tokenlab"], item.PropertyNames().Order());
            Assert.Equal("model", item.GetProperty("object").GetString());
            Assert.Equal(JsonValueKind.Number, item.GetProperty("created").ValueKind);

            var extension = item.GetProperty("tokenlab");
            Assert.Empty(ListExtensionRequired.Except(extension.PropertyNames()));
            Assert.Empty(extension.PropertyNames().Except(ListExtensionAllowed));
            Assert.False(extension.TryGetProperty("agent_preferences", out _), "agent_preferences only comes with recommended_for");
            Assert.Equal(LifecycleRequired.Order(), extension.GetProperty("lifecycle").PropertyNames().Order());
            Assert.Equal(["free_reason", "free_until", "user_charge_policy"], extension.GetProperty("commercial").PropertyNames().Order());
            foreach (var badge in extension.GetProperty("badges").EnumerateArray())
            {
                Assert.Equal(["key", "priority", "tone", "tooltip"], badge.PropertyNames().Order());
                Assert.Equal(["key", "values"], badge.GetProperty("tooltip").PropertyNames().Order());
            }

            if (extension.TryGetProperty("request_format_summary", out var summary) && summary.ValueKind == JsonValueKind.Object)
            {
                Assert.Empty(summary.PropertyNames().Except(["public_operations", "request_endpoint", "request_endpoint_by_operation"]));
            }
        }
    }

    [Fact]
    public async Task CompactViewMatchesTheCompactSchemaWithDecimalStringPrices()
    {
        var list = await _client.GetJsonAsync("/v1/models?view=compact");

        Assert.Equal("list", list.GetProperty("object").GetString());
        Assert.Equal("compact", list.GetProperty("view").GetString());
        Assert.Equal(list.GetProperty("data").GetArrayLength(), list.GetProperty("count").GetInt32());
        Assert.Equal(15, list.GetProperty("count").GetInt32());
        foreach (var item in list.GetProperty("data").EnumerateArray())
        {
            Assert.Empty(CompactRequired.Except(item.PropertyNames()));
            Assert.Empty(item.PropertyNames().Except(CompactAllowed));
            var pricing = item.GetProperty("pricing");
            Assert.Equal("USD", pricing.GetProperty("currency").GetString());
            Assert.Equal(JsonValueKind.String, pricing.GetProperty("unit").ValueKind);
            Assert.True(pricing.GetProperty("has_complex_pricing").ValueKind is JsonValueKind.True or JsonValueKind.False);
            foreach (var price in pricing.EnumerateObject().Where(p => p.Name is not ("unit" or "currency" or "has_complex_pricing")))
            {
                Assert.Equal(JsonValueKind.String, price.Value.ValueKind);
                Assert.True(decimal.TryParse(price.Value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out _), price.Name);
            }
        }

        var tts = list.Item("tts-1");
        Assert.Equal("15.00", tts.GetProperty("pricing").GetProperty("input_per_1m").GetString());
        Assert.Equal("per_1m_characters", tts.GetProperty("pricing").GetProperty("unit").GetString());
        Assert.Equal("/v1/audio/speech", tts.GetProperty("request_endpoint").GetString());
        Assert.Equal("0.006", list.Item("whisper-1").GetProperty("pricing").GetProperty("min_price").GetString());
        Assert.Equal("per_second", list.Item("veo3.1").GetProperty("pricing").GetProperty("unit").GetString());
        Assert.Equal("deprecated", list.Item("speech-01-hd").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("category=stt", new[] { "whisper-1", "gpt-4o-mini-transcribe", "gpt-4o-transcribe" })]
    [InlineData("category=audio", new[] { "gpt-realtime", "gpt-realtime-mini", "qwen-tts-realtime" })]
    [InlineData("category=music", new string[0])]
    [InlineData("provider=minimax", new[] { "speech-02-hd", "speech-01-hd" })]
    [InlineData("provider=GOOGLE", new[] { "gemini-2.5-flash-tts", "veo3.1" })]
    [InlineData("tag=video", new[] { "veo3.1" })]
    [InlineData("tag=translation", new[] { "whisper-1" })]
    [InlineData("category=tts&provider=openai", new[] { "tts-1", "tts-1-hd", "gpt-4o-mini-tts" })]
    public async Task FiltersSelectMatchingModels(string query, string[] expected)
    {
        Assert.Equal(expected, (await _client.GetJsonAsync("/v1/models?" + query)).Ids());
        Assert.Equal(expected, (await _client.GetJsonAsync("/v1/models?view=compact&" + query)).Ids());
    }

    [Theory]
    [InlineData("tts", new[] { "gpt-4o-mini-tts", "tts-1", "speech-02-hd", "tts-1-hd", "gemini-2.5-flash-tts" })]
    [InlineData("stt", new[] { "gpt-4o-transcribe", "whisper-1", "gpt-4o-mini-transcribe" })]
    public async Task RecommendedForSortsByRankWithInsufficientSamplesLast(string scene, string[] expected)
    {
        var list = await _client.GetJsonAsync("/v1/models?recommended_for=" + scene);

        Assert.Equal(expected, list.Ids());
        var evidence = list.GetProperty("data").EnumerateArray()
            .Select(item => item.GetProperty("tokenlab").GetProperty("agent_preferences").GetProperty(scene))
            .ToList();
        foreach (var entry in evidence)
        {
            Assert.Equal(["basis", "preferred_rank", "sample_count_24h", "status", "success_rate_24h", "updated_at"], entry.PropertyNames().Order());
            Assert.Equal(JsonValueKind.Null, entry.GetProperty("basis").GetProperty("channel_id").ValueKind);
            Assert.Equal(JsonValueKind.Null, entry.GetProperty("basis").GetProperty("physical_model").ValueKind);
        }

        var ranks = evidence.SkipLast(1).Select(e => e.GetProperty("preferred_rank").GetInt32()).ToList();
        Assert.Equal(ranks.Order(), ranks);
        Assert.All(evidence.SkipLast(1), e => Assert.Equal("ready", e.GetProperty("status").GetString()));
        Assert.Equal("insufficient_samples", evidence[^1].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, evidence[^1].GetProperty("preferred_rank").ValueKind);
    }

    [Fact]
    public async Task CompactRecommendationsCarryTheCompactEvidence()
    {
        var list = await _client.GetJsonAsync("/v1/models?view=compact&recommended_for=stt");

        Assert.Equal(["gpt-4o-transcribe", "whisper-1", "gpt-4o-mini-transcribe"], list.Ids());
        var first = list.Item("gpt-4o-transcribe").GetProperty("recommendation");
        Assert.Equal(["preferred_rank", "sample_count_24h", "status", "success_rate_24h"], first.PropertyNames().Order());
        Assert.Equal(1, first.GetProperty("preferred_rank").GetInt32());
        Assert.Equal("insufficient_samples", list.Item("gpt-4o-mini-transcribe").GetProperty("recommendation").GetProperty("status").GetString());
    }

    [Fact]
    public async Task RealtimeModelsDeclareTheEndpointExceptTheLegacyOne()
    {
        var full = await _client.GetJsonAsync("/v1/models?category=audio");
        foreach (var id in new[] { "gpt-realtime", "gpt-realtime-mini" })
        {
            var summary = full.Item(id).GetProperty("tokenlab").GetProperty("request_format_summary");
            Assert.Equal("/v1/realtime", summary.GetProperty("request_endpoint").GetString());
            Assert.Equal("/v1/realtime", summary.GetProperty("request_endpoint_by_operation").GetProperty("realtime").GetString());
        }

        // Only the detail reveals that qwen-tts-realtime is a realtime model.
        Assert.False(full.Item("qwen-tts-realtime").GetProperty("tokenlab").TryGetProperty("request_format_summary", out _));
        var compact = (await _client.GetJsonAsync("/v1/models?view=compact&category=audio")).Item("qwen-tts-realtime");
        Assert.False(compact.TryGetProperty("request_endpoint", out _));
        Assert.False(compact.TryGetProperty("supported_operations", out _));
    }

    [Theory]
    [InlineData("recommended_for=realtime", "recommended_for", "realtime")]
    [InlineData("view=wide", "view", "wide")]
    [InlineData("category=speech", "category", "speech")]
    public async Task InvalidQueryValuesReturnAValidationError(string query, string field, string value)
    {
        using var response = await _client.GetAsync("/v1/models?" + query);
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = body.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(field, error.GetProperty("param").GetString());
        Assert.StartsWith(field + ": ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(response.Header("X-Request-ID"), error.GetProperty("request_id").GetString());
        var issue = Assert.Single(body.GetProperty("validation_errors").EnumerateArray());
        Assert.Equal(field, issue.GetProperty("field").GetString());
        Assert.Equal("invalid_enum_value", issue.GetProperty("code").GetString());
        Assert.Contains($"'{value}'", issue.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryInvalidParameterIsReported()
    {
        using var response = await _client.GetAsync("/v1/models?view=wide&recommended_for=realtime");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            ["recommended_for", "view"],
            body.GetProperty("validation_errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
    }
}
