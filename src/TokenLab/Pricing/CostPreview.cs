using System;
using System.Globalization;
using TokenLab.Client.Models;

namespace TokenLab.PowerShell.Pricing
{
    /// <summary>
    /// What -WhatIf and -Confirm say a request would be billed: the model's billing unit and price from the
    /// catalog, and an estimate where the unit counts something known before anything is sent (characters
    /// of text, minutes or seconds of audio, requests). Token-billed models get no estimate: the service
    /// counts the tokens.
    /// </summary>
    internal static class CostPreview
    {
        /// <summary>"tts-1 is billed per 1M characters at $15.00 per 1M input characters (TokenLab catalog); 1,234 characters: about 0.01851 USD".</summary>
        public static string Describe(TokenLabModel model, BillableUsage usage)
        {
            string price = model.PricingHeadline ?? model.Pricing?.ToString() ?? string.Empty;
            string? unit = model.PricingUnit;
            if (unit is null && price.Length == 0)
            {
                return "the catalog gives no price for " + model.Id;
            }

            string statement = model.Id + " is billed " + UnitText(unit)
                + (price.Length == 0 ? string.Empty : " at " + price) + " (TokenLab catalog)"
                + (model.Pricing?.HasComplexPricing == true ? ", depending on options" : string.Empty);
            return statement + "; " + Estimate(model.Pricing, unit, usage);
        }

        /// <summary>Said instead when the catalog could not be read: the preview goes on without a price.</summary>
        public static string Unavailable(string modelId, string reason) =>
            "the price of " + modelId + " could not be read from the catalog (" + reason.TrimEnd('.') + ")";

        private static string Estimate(ModelPricing? pricing, string? unit, BillableUsage usage)
        {
            decimal? amount = pricing is null ? null : CostEstimator.Amount(pricing, unit, usage);
            switch (unit)
            {
                case "per_1m_characters" when usage.Characters is long characters:
                    return Amount(characters.ToString("N0", CultureInfo.InvariantCulture) + " characters", amount);
                case "per_minute" when usage.Audio.HasValue:
                case "per_second" when usage.Audio.HasValue:
                    return Amount(AudioText(usage.Audio!.Value), amount);
                case "per_request":
                    return Amount(usage.Requests == 1 ? "1 request" : usage.Requests + " requests", amount);
                case "per_minute":
                case "per_second":
                    return "the length of the audio is not known before it is sent, so no estimate is made";
                case "per_1m_tokens":
                    return "the service counts the tokens, so no estimate is made";
                default:
                    return "no estimate is made for this billing unit";
            }
        }

        private static string Amount(string quantity, decimal? exact)
        {
            if (exact is null)
            {
                return quantity + " (the catalog's price has no single rate, so no estimate is made)";
            }

            decimal amount = Math.Round(exact.Value, 6, MidpointRounding.AwayFromZero);
            return quantity + ": about " + (amount == 0 && exact > 0 ? "less than 0.000001" : amount.ToString("0.######", CultureInfo.InvariantCulture)) + " USD";
        }

        private static string UnitText(string? unit)
        {
            switch (unit)
            {
                case "per_1m_characters": return "per 1M characters";
                case "per_1m_tokens": return "per 1M tokens";
                case "per_minute": return "per minute of audio";
                case "per_second": return "per second of audio";
                case "per_request": return "per request";
                case null: return "by an unstated unit";
                default: return unit.Replace('_', ' ');
            }
        }

        private static string AudioText(TimeSpan audio) =>
            audio.TotalMinutes >= 1
                ? audio.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture) + " minutes of audio"
                : audio.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " seconds of audio";
    }
}
