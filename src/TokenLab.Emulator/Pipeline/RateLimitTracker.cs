using System.Collections.Concurrent;

namespace TokenLab.Emulator.Pipeline;

/// <summary>The X-RateLimit-* values for a request.</summary>
internal readonly record struct RateLimitState(int Limit, int Remaining, long ResetUnixSeconds);

/// <summary>
/// Counts requests per caller in fixed one-minute windows so the X-RateLimit-* headers move like the real ones.
/// It never rejects: a 429 is something a test asks for with a fault, not something it trips over.
/// </summary>
internal sealed class RateLimitTracker(TimeProvider time)
{
    /// <summary>TokenLab's documented per-key limit for the User tier.</summary>
    public const int RequestsPerMinute = 1000;

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public RateLimitState Count(string caller)
    {
        var minute = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        var window = _windows.AddOrUpdate(
            caller,
            _ => new Window(minute, 1),
            (_, current) => current.Minute == minute ? current with { Count = current.Count + 1 } : new Window(minute, 1));
        return new RateLimitState(RequestsPerMinute, Math.Max(0, RequestsPerMinute - window.Count), (minute + 1) * 60);
    }

    private sealed record Window(long Minute, int Count);
}
