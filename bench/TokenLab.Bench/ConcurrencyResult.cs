namespace TokenLab.Bench;

/// <summary>Wall milliseconds for the same items (lines, files) at -ThrottleLimit 1 and 8, with the server's latency per request.</summary>
internal sealed record ConcurrencyResult(int Items, int LatencyMs, double SerialMs, double ParallelMs);
