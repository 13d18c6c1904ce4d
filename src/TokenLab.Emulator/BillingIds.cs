namespace TokenLab.Emulator;

/// <summary>Billing transaction IDs like TokenLab's <c>X-Billing-Transaction-ID</c>.</summary>
internal static class BillingIds
{
    public const string Header = "X-Billing-Transaction-ID";

    public static string New() => "btx_" + Guid.NewGuid().ToString("N")[..24];
}
