using System.Text.Json.Nodes;

namespace TokenLab.Emulator.Endpoints.Realtime;

/// <summary>
/// The <c>rate_limits</c> a session reports after each response: requests and tokens left in a one-minute
/// window, counted per session. Like the REST rate-limit headers, they move but never stop anything.
/// </summary>
internal sealed class RealtimeRateLimits(TimeProvider time)
{
    public const int RequestsPerMinute = 1000;
    public const int TokensPerMinute = 200_000;

    private readonly Lock _gate = new();
    private long _minute = -1;
    private int _requests;
    private long _tokens;

    /// <summary>Counts a finished response and returns the limits left after it.</summary>
    public JsonArray Spend(int tokens)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        int requests;
        long spent;
        lock (_gate)
        {
            if (now / 60_000 != _minute)
            {
                _minute = now / 60_000;
                _requests = 0;
                _tokens = 0;
            }

            requests = ++_requests;
            spent = _tokens += tokens;
        }

        var resetSeconds = Math.Round((60_000 - (now % 60_000)) / 1000.0, 3);
        return
        [
            Limit("requests", RequestsPerMinute, Math.Max(0, RequestsPerMinute - requests), resetSeconds),
            Limit("tokens", TokensPerMinute, Math.Max(0, TokensPerMinute - spent), resetSeconds),
        ];
    }

    private static JsonObject Limit(string name, int limit, long remaining, double resetSeconds) => new()
    {
        ["name"] = name,
        ["limit"] = limit,
        ["remaining"] = remaining,
        ["reset_seconds"] = resetSeconds,
    };
}
