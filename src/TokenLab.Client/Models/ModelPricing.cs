using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using TokenLab.Client.Json;

namespace TokenLab.Client.Models
{
    /// <summary>A model's price summary. Prices arrive as decimal strings and are kept exact.</summary>
    public sealed class ModelPricing
    {
        internal ModelPricing(JsonElement pricing, string? unitFallback, bool? hasComplexPricingFallback)
        {
            Unit = pricing.GetStringOrNull("unit") ?? unitFallback;
            Currency = pricing.GetStringOrNull("currency");
            InputPer1M = pricing.GetDecimalOrNull("input_per_1m") ?? pricing.GetDecimalOrNull("input_per_1m_tokens");
            OutputPer1M = pricing.GetDecimalOrNull("output_per_1m") ?? pricing.GetDecimalOrNull("output_per_1m_tokens");
            PerRequest = pricing.GetDecimalOrNull("per_request");
            MinPrice = pricing.GetDecimalOrNull("min_price");
            MaxPrice = pricing.GetDecimalOrNull("max_price");
            HasComplexPricing = pricing.GetBooleanOrNull("has_complex_pricing") ?? hasComplexPricingFallback ?? false;
            Json = pricing.GetRawText();
        }

        /// <summary>The billing unit, e.g. per_1m_characters.</summary>
        public string? Unit { get; }

        /// <summary>Usually USD.</summary>
        public string? Currency { get; }

        /// <summary>Price per million input units.</summary>
        public decimal? InputPer1M { get; }

        /// <summary>Price per million output units.</summary>
        public decimal? OutputPer1M { get; }

        /// <summary>Price per request.</summary>
        public decimal? PerRequest { get; }

        /// <summary>Lowest price of a complex price table.</summary>
        public decimal? MinPrice { get; }

        /// <summary>Highest price of a complex price table.</summary>
        public decimal? MaxPrice { get; }

        /// <summary>The price depends on options; see the pricing endpoint for the table.</summary>
        public bool HasComplexPricing { get; }

        /// <summary>The pricing JSON, unmodified.</summary>
        public string Json { get; }

        /// <summary>A one-line summary such as "0.015 USD per_1m_characters" or "input 2.5, output 10 USD per_1m_tokens".</summary>
        public override string ToString()
        {
            string? amount = Amount();
            if (amount is null)
            {
                return HasComplexPricing ? "complex pricing" + Suffix(Unit) : Unit ?? string.Empty;
            }

            // TokenLab bills every model from one USD balance; the full view leaves the currency out.
            return amount + Suffix(Currency ?? "USD") + Suffix(Unit);
        }

        private string? Amount()
        {
            if (InputPer1M is decimal input && OutputPer1M is decimal output && input != output)
            {
                return "input " + Format(input) + ", output " + Format(output);
            }

            if ((InputPer1M ?? OutputPer1M ?? PerRequest) is decimal single)
            {
                return Format(single);
            }

            if (MinPrice is decimal min && MaxPrice is decimal max)
            {
                return min == max ? Format(min) : Format(min) + "-" + Format(max);
            }

            return (MinPrice ?? MaxPrice) is decimal bound ? Format(bound) : null;
        }

        private static string Suffix(string? part) => string.IsNullOrEmpty(part) ? string.Empty : " " + part;

        private static string Format(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
    }
}
