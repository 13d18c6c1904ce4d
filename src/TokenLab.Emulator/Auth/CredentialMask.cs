namespace TokenLab.Emulator.Auth;

/// <summary>Masks credentials for the request log, so a recorded request never reveals a whole key.</summary>
internal static class CredentialMask
{
    private const int VisibleTail = 4;

    /// <summary>"Bearer sk-emulator-local-key" becomes "Bearer sk-…-key".</summary>
    public static string MaskAuthorization(string authorization)
    {
        var separator = authorization.IndexOf(' ', StringComparison.Ordinal);
        return separator < 0
            ? MaskKey(authorization)
            : string.Concat(authorization.AsSpan(0, separator + 1), MaskKey(authorization[(separator + 1)..].Trim()));
    }

    /// <summary>Keeps the prefix up to and including the first '-', then '…', then the last four characters.</summary>
    public static string MaskKey(string key)
    {
        var prefixLength = key.IndexOf('-', StringComparison.Ordinal) + 1;
        if (prefixLength >= key.Length)
        {
            return "…";
        }

        // Short keys would be almost fully visible; show the tail only when at least as much stays hidden.
        var hidden = key.Length - prefixLength - VisibleTail;
        return hidden < VisibleTail
            ? string.Concat(key.AsSpan(0, prefixLength), "…")
            : string.Concat(key.AsSpan(0, prefixLength), "…", key.AsSpan(key.Length - VisibleTail));
    }
}
