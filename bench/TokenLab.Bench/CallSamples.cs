using System;

namespace TokenLab.Bench;

/// <summary>The per-call times and the client-side allocations of one way, in storage allocated up front.</summary>
internal sealed class CallSamples(string name, int capacity)
{
    private readonly double[] _milliseconds = new double[capacity];
    private int _calls;
    private long _clientBytes;

    public void AddCall(TimeSpan elapsed) => _milliseconds[_calls++] = elapsed.TotalMilliseconds;

    public void AddClientBytes(long bytes) => _clientBytes += bytes;

    public CallSummary Summarize()
    {
        double[] sorted = _milliseconds[.._calls];
        Array.Sort(sorted);
        return new CallSummary(name, _calls, Stats.Percentile(sorted, 0.5), Stats.Percentile(sorted, 0.9), (double)_clientBytes / _calls);
    }
}

/// <summary>What one way of calling cost: median and 90th percentile time, and bytes it allocated per call.</summary>
internal sealed record CallSummary(string Name, int Calls, double MedianMs, double P90Ms, double ClientBytesPerCall);
