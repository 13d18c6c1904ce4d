namespace TokenLab.Emulator.Auth;

/// <summary>The keys this emulator accepts, and the check of a request's Authorization header against them.</summary>
internal sealed class ApiKeyRegistry
{
    private readonly Dictionary<string, IReadOnlySet<string>?> _keys;

    public ApiKeyRegistry(IDictionary<string, IReadOnlyList<string>?> keys)
    {
        _keys = keys.ToDictionary(
            pair => pair.Key,
            pair => pair.Value is null ? null : (IReadOnlySet<string>)new HashSet<string>(pair.Value, StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    public ApiKeyCheck Check(string? authorization)
    {
        if (authorization is null)
        {
            return ApiKeyCheck.Anonymous;
        }

        // TokenLab's audio, realtime and catalog routes take only "Authorization: Bearer sk-...".
        var separator = authorization.IndexOf(' ', StringComparison.Ordinal);
        if (separator <= 0 || !authorization.AsSpan(0, separator).Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return ApiKeyCheck.Rejected;
        }

        var key = authorization[(separator + 1)..].Trim();
        return _keys.TryGetValue(key, out var allowed) ? new ApiKeyCheck(ApiKeyStatus.Valid, key, allowed) : ApiKeyCheck.Rejected;
    }
}
