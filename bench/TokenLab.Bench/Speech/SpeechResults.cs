namespace TokenLab.Bench.Speech;

/// <summary>Audio size, and the peak live heap growth while it downloaded through each way.</summary>
internal sealed record MemoryResult(long AudioBytes, long CmdletGrowth, long StreamedGrowth, long BufferedGrowth);

/// <summary>
/// Median milliseconds per one-line request: bare HttpClient, one cmdlet call per line, lines piped into one
/// call one at a time, and piped with the default -ThrottleLimit.
/// </summary>
internal sealed record OverheadResult(int Requests, double BareMs, double CmdletPerCallMs, double CmdletPipedMs, double CmdletParallelMs);
