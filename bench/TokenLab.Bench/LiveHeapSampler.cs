using System;
using System.Threading;

namespace TokenLab.Bench;

/// <summary>
/// The highest live managed heap while something runs: a background thread takes a full collection
/// every 20 ms and reads what survives. Garbage is not counted (it would measure the GC's schedule,
/// not what the code keeps), so a download that buffers its body shows, and one that streams does not.
/// </summary>
internal sealed class LiveHeapSampler : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    private readonly long _baseline;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private long _peak;

    private LiveHeapSampler()
    {
        _baseline = LiveHeap();
        _peak = _baseline;
        _thread = new Thread(Sample) { IsBackground = true, Name = "live heap sampler" };
        _thread.Start();
    }

    /// <summary>Peak live heap over the baseline taken at start, in bytes.</summary>
    public long PeakGrowth => Math.Max(0, Interlocked.Read(ref _peak) - _baseline);

    /// <summary>Runs <paramref name="action"/> and returns the peak live heap growth while it ran, in bytes.</summary>
    public static long PeakGrowthWhile(Action action)
    {
        using var sampler = new LiveHeapSampler();
        action();
        sampler.Dispose();
        return sampler.PeakGrowth;
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
        Record(LiveHeap());
    }

    private static long LiveHeap() => GC.GetTotalMemory(forceFullCollection: true);

    private void Sample()
    {
        while (!_stopping)
        {
            Record(LiveHeap());
            Thread.Sleep(Interval);
        }
    }

    private void Record(long heap)
    {
        long seen = Interlocked.Read(ref _peak);
        while (heap > seen)
        {
            long before = Interlocked.CompareExchange(ref _peak, heap, seen);
            if (before == seen)
            {
                return;
            }

            seen = before;
        }
    }
}
