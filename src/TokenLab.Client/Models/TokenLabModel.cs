using System;
using System.Collections.Generic;
using System.Text.Json;
using TokenLab.Client.Json;

namespace TokenLab.Client.Models
{
    /// <summary>
    /// A model from <c>GET /v1/models</c> (full or compact view) or <c>GET /v1/models/{id}</c>.
    /// Parsing is tolerant: missing fields are null or empty, and <see cref="Json"/> keeps everything.
    /// </summary>
    public sealed class TokenLabModel
    {
        private TokenLabModel(JsonElement element, string? recommendedFor, bool isDetail)
        {
            var extension = new ModelExtension(element);
            JsonElement? lifecycle = extension.GetObjectOrNull("lifecycle");
            JsonElement? recommendation = RecommendationOf(element, extension, recommendedFor);
            JsonElement? summary = extension.FormatSummary;
            JsonElement? details = extension.FormatDetails;

            Id = element.GetStringOrNull("id") ?? string.Empty;
            Provider = element.GetStringOrNull("owned_by") ?? element.GetStringOrNull("provider");
            Category = extension.GetStringOrNull("category") ?? element.GetStringOrNull("category");
            Created = element.GetTimestampOrNull("created");
            Capabilities = CapabilitiesOf(element, extension);
            Aliases = TolerantJson.StringItems(extension.GetArrayOrNull("aliases") ?? element.GetArrayOrNull("aliases"));

            JsonElement? pricing = extension.GetObjectOrNull("pricing") ?? element.GetObjectOrNull("pricing");
            string? pricingUnit = extension.GetStringOrNull("pricing_unit");
            bool? hasComplexPricing = extension.GetBooleanOrNull("has_complex_pricing");
            Pricing = pricing is JsonElement pricingElement ? new ModelPricing(pricingElement, pricingUnit, hasComplexPricing) : null;
            PricingUnit = pricingUnit ?? Pricing?.Unit;
            PricingHeadline = extension.GetObjectOrNull("pricing_summary")?.GetStringOrNull("headline");

            LifecycleStage = lifecycle?.GetStringOrNull("stage") ?? element.GetStringOrNull("status");
            SunsetAt = lifecycle?.GetTimestampOrNull("sunset_at");
            ReplacementModel = lifecycle?.GetStringOrNull("replacement_model");
            IsLatest = lifecycle?.GetBooleanOrNull("latest") ?? element.GetBooleanOrNull("latest");

            RecommendedFor = recommendedFor;
            RecommendationRank = recommendation?.GetInt32OrNull("preferred_rank");
            SuccessRate24h = recommendation?.GetDoubleOrNull("success_rate_24h");
            SampleCount24h = recommendation?.GetInt32OrNull("sample_count_24h");
            RecommendationStatus = recommendation?.GetStringOrNull("status");

            SupportedOperations = TolerantJson.StringItems(
                extension.GetArrayOrNull("supported_operations")
                ?? element.GetArrayOrNull("supported_operations")
                ?? summary?.GetArrayOrNull("public_operations"));
            SupportedParameters = TolerantJson.StringItems(summary?.GetArrayOrNull("supported_parameters") ?? details?.GetArrayOrNull("supported_parameters"));
            OutputFormats = TolerantJson.StringItems(summary?.GetArrayOrNull("output_formats") ?? details?.GetArrayOrNull("output_formats"));
            Voices = TolerantJson.StringItems(summary?.GetArrayOrNull("voices") ?? details?.GetArrayOrNull("voices"));
            RecommendedVoice = summary?.GetObjectOrNull("recommended_request_summary")?.GetStringOrNull("voice")
                ?? details?.GetObjectOrNull("recommended_request")?.GetStringOrNull("voice");
            SupportsRealtime = RealtimeSupport.Detect(element, summary, details, SupportedOperations);

            IsDetail = isDetail;
            Json = element.GetRawText();
        }

        /// <summary>The model ID to send in requests.</summary>
        public string Id { get; }

        /// <summary>owned_by, or the compact view's provider.</summary>
        public string? Provider { get; }

        /// <summary>tts, stt, audio, chat, …</summary>
        public string? Category { get; }

        /// <summary>When the model was added.</summary>
        public DateTimeOffset? Created { get; }

        /// <summary>Capability names.</summary>
        public IReadOnlyList<string> Capabilities { get; }

        /// <summary>Other IDs that name this model.</summary>
        public IReadOnlyList<string> Aliases { get; }

        /// <summary>The billing unit, e.g. per_1m_tokens or per_request.</summary>
        public string? PricingUnit { get; }

        /// <summary>The price summary, when the entry has one.</summary>
        public ModelPricing? Pricing { get; }

        /// <summary>The catalog's own one-line price, e.g. "$15.00 per 1M input characters", when it gives one.</summary>
        public string? PricingHeadline { get; }

        /// <summary>active, preview, deprecated or retired.</summary>
        public string? LifecycleStage { get; }

        /// <summary>When the model stops being served.</summary>
        public DateTimeOffset? SunsetAt { get; }

        /// <summary>The model to move to.</summary>
        public string? ReplacementModel { get; }

        /// <summary>Whether this is the latest model of its line.</summary>
        public bool? IsLatest { get; }

        /// <summary>The scene the list was asked for (recommended_for).</summary>
        public string? RecommendedFor { get; }

        /// <summary>Position in the recommendation order for <see cref="RecommendedFor"/>.</summary>
        public int? RecommendationRank { get; }

        /// <summary>Success rate over the last 24 hours (0–1).</summary>
        public double? SuccessRate24h { get; }

        /// <summary>Requests behind <see cref="SuccessRate24h"/>.</summary>
        public int? SampleCount24h { get; }

        /// <summary>ready or insufficient_samples.</summary>
        public string? RecommendationStatus { get; }

        /// <summary>Operations the model accepts.</summary>
        public IReadOnlyList<string> SupportedOperations { get; }

        /// <summary>Request parameters the model accepts (detail only).</summary>
        public IReadOnlyList<string> SupportedParameters { get; }

        /// <summary>Output formats the model can produce (detail only).</summary>
        public IReadOnlyList<string> OutputFormats { get; }

        /// <summary>The voices a speech model offers (detail only; empty when the model does not list them).</summary>
        public IReadOnlyList<string> Voices { get; }

        /// <summary>The voice of the model's recommended request (detail only), its documented default; null when it names none.</summary>
        public string? RecommendedVoice { get; }

        /// <summary>Whether the model declares /v1/realtime; null when the entry does not say.</summary>
        public bool? SupportsRealtime { get; }

        /// <summary>True when this came from <c>GET /v1/models/{id}</c>.</summary>
        public bool IsDetail { get; }

        /// <summary>The entry's JSON, unmodified, unknown fields included.</summary>
        public string Json { get; }

        /// <summary>Reads one model entry.</summary>
        /// <param name="element">A JSON object from a list's data array or a detail response.</param>
        /// <param name="recommendedFor">The recommended_for scene the list was asked for, if any.</param>
        /// <param name="isDetail">Whether the entry is a detail response.</param>
        public static TokenLabModel FromJson(JsonElement element, string? recommendedFor, bool isDetail)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("A model entry must be a JSON object, not " + element.ValueKind + ".", nameof(element));
            }

            return new TokenLabModel(element, recommendedFor, isDetail);
        }

        /// <inheritdoc/>
        public override string ToString() => Id;

        /// <summary>
        /// The compact view's recommendation object, or the full view's agent_preferences, which is
        /// keyed by scene (an unkeyed object is accepted too).
        /// </summary>
        private static JsonElement? RecommendationOf(JsonElement element, ModelExtension extension, string? recommendedFor)
        {
            if (element.GetObjectOrNull("recommendation") is JsonElement compact)
            {
                return compact;
            }

            JsonElement? preferences = extension.GetObjectOrNull("agent_preferences");
            if (recommendedFor != null && preferences?.GetObjectOrNull(recommendedFor) is JsonElement scene)
            {
                return scene;
            }

            return preferences?.GetPropertyOrNull("preferred_rank") != null || preferences?.GetPropertyOrNull("status") != null
                ? preferences
                : null;
        }

        /// <summary>capabilities, or the legacy capability_flags (a list, or an object of name: true).</summary>
        private static IReadOnlyList<string> CapabilitiesOf(JsonElement element, ModelExtension extension)
        {
            if ((extension.GetArrayOrNull("capabilities") ?? element.GetArrayOrNull("capabilities")) is JsonElement list)
            {
                return TolerantJson.StringItems(list);
            }

            JsonElement? flags = extension.GetPropertyOrNull("capability_flags");
            if (flags?.ValueKind == JsonValueKind.Array)
            {
                return TolerantJson.StringItems(flags);
            }

            var enabled = new List<string>();
            if (flags?.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty flag in flags.Value.EnumerateObject())
                {
                    if (flag.Value.ValueKind == JsonValueKind.True)
                    {
                        enabled.Add(flag.Name);
                    }
                }
            }

            return enabled;
        }
    }
}
