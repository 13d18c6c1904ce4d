using System.Globalization;

namespace TokenLab.PowerShell.Output
{
    /// <summary>
    /// What a result probably cost: the catalog's price applied to what was billed (characters, audio seconds,
    /// tokens, requests). An estimate: the billing transaction ID is the authority on what was charged.
    /// </summary>
    public sealed class EstimatedCost
    {
        internal EstimatedCost(decimal amount, string currency, string basis)
        {
            Amount = amount;
            Currency = currency;
            Basis = basis;
        }

        /// <summary>Nothing was sent, so nothing was billed (a result reused from an earlier run).</summary>
        internal static EstimatedCost NothingSent { get; } = new EstimatedCost(0m, "USD", "nothing was sent");

        /// <summary>The estimated amount, rounded to millionths.</summary>
        public decimal Amount { get; }

        /// <summary>The currency of the catalog price (TokenLab bills in USD).</summary>
        public string Currency { get; }

        /// <summary>How it was worked out: "1,234 characters at 15 USD per_1m_characters".</summary>
        public string Basis { get; }

        /// <summary>"0.018510 USD": what Format-List and Export-Csv show.</summary>
        public override string ToString() => Amount.ToString("0.000000", CultureInfo.InvariantCulture) + " " + Currency;
    }
}
