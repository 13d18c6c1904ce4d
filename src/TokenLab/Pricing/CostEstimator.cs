using System;
using System.Globalization;
using TokenLab.Client.Models;
using TokenLab.PowerShell.Output;

namespace TokenLab.PowerShell.Pricing
{
    /// <summary>
    /// The catalog price applied to a usage: the one rate of the model's billing unit times what the unit counts.
    /// Used before sending (-WhatIf, with what is known then) and after (EstimatedCost, with what was billed).
    /// </summary>
    internal static class CostEstimator
    {
        private const decimal Million = 1_000_000m;

        /// <summary>The estimate, or null when the unit counts something <paramref name="usage"/> does not know or the price has no single rate.</summary>
        public static EstimatedCost? Estimate(TokenLabModel model, BillableUsage usage)
        {
            if (model.Pricing is not ModelPricing pricing || Amount(pricing, model.PricingUnit, usage) is not decimal amount)
            {
                return null;
            }

            string basis = Quantity(model.PricingUnit, usage) + " at " + pricing;
            return new EstimatedCost(Math.Round(amount, 6, MidpointRounding.AwayFromZero), pricing.Currency ?? "USD", basis);
        }

        /// <summary>The amount before rounding; null when it cannot be worked out.</summary>
        public static decimal? Amount(ModelPricing pricing, string? unit, BillableUsage usage)
        {
            if (unit == "per_1m_tokens")
            {
                return TokenAmount(pricing, usage);
            }

            decimal? rate = Rate(pricing);
            switch (unit)
            {
                case "per_1m_characters" when usage.Characters is long characters:
                    return rate * characters / Million;
                case "per_minute" when usage.Audio is TimeSpan audio:
                    return rate * (decimal)audio.TotalMinutes;
                case "per_second" when usage.Audio is TimeSpan audio:
                    return rate * (decimal)audio.TotalSeconds;
                case "per_request":
                    return rate * usage.Requests;
                default:
                    return null;
            }
        }

        /// <summary>The one rate the unit is billed at, when the pricing has exactly one.</summary>
        public static decimal? Rate(ModelPricing pricing)
        {
            if (pricing.PerRequest is decimal perRequest)
            {
                return perRequest;
            }

            if (pricing.InputPer1M is decimal input)
            {
                return pricing.OutputPer1M is null || pricing.OutputPer1M == input ? input : (decimal?)null;
            }

            return pricing.MinPrice is decimal min && (pricing.MaxPrice is null || pricing.MaxPrice == min) ? min : pricing.OutputPer1M;
        }

        /// <summary>Input tokens at the input rate and output tokens at the output rate (the input rate when only one is given).</summary>
        private static decimal? TokenAmount(ModelPricing pricing, BillableUsage usage)
        {
            if (usage.InputTokens is not long input || usage.OutputTokens is not long output || pricing.InputPer1M is not decimal inputRate)
            {
                return null;
            }

            return ((input * inputRate) + (output * (pricing.OutputPer1M ?? inputRate))) / Million;
        }

        private static string Quantity(string? unit, BillableUsage usage)
        {
            switch (unit)
            {
                case "per_1m_characters":
                    return usage.Characters!.Value.ToString("N0", CultureInfo.InvariantCulture) + " characters";
                case "per_minute":
                case "per_second":
                    return usage.Audio!.Value.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " seconds of audio";
                case "per_1m_tokens":
                    return usage.InputTokens!.Value.ToString(CultureInfo.InvariantCulture) + " input and " + usage.OutputTokens!.Value.ToString(CultureInfo.InvariantCulture) + " output tokens";
                default:
                    return usage.Requests == 1 ? "1 request" : usage.Requests.ToString(CultureInfo.InvariantCulture) + " requests";
            }
        }
    }
}
