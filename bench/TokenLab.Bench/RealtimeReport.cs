using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace TokenLab.Bench;

/// <summary>Prints the realtime figures: event throughput next to a bare ClientWebSocket, and the slow consumer's memory.</summary>
internal static class RealtimeReport
{
    // The target: a session receives and types events at no less than 0.8 of the rate of a bare
    // socket loop receiving and typing the same events.
    private const double ThroughputTarget = 0.8;

    public static void Print(TextWriter output, IReadOnlyList<ThroughputResult> throughputs, SlowConsumerResult slow, string loadBefore, string loadAfter)
    {
        output.WriteLine();
        output.WriteLine(Format("Load      {0} before, {1} after (1, 5, 15 min averages; the machine has {2} cores)", loadBefore, loadAfter, System.Environment.ProcessorCount));
        foreach (ThroughputResult throughput in throughputs)
        {
            PrintThroughput(output, throughput);
        }

        PrintSlowConsumer(output, slow);
    }

    private static void PrintThroughput(TextWriter output, ThroughputResult throughput)
    {
        const string Row = "  {0,-42} {1,11} {2,11} {3,8} {4,8} {5,10} {6,10} {7,5}";
        output.WriteLine();
        output.WriteLine(Format("Realtime event throughput: one response of {0} events ({1}); {2} rounds a way, interleaved",
            throughput.EventsPerRound, throughput.Shape, throughput.Rounds));
        output.WriteLine(Format(Row, string.Empty, "median ev/s", "best ev/s", "x floor", "x typed", "cpu/event", "gc/event", "gc0s"));
        foreach (ThroughputWay way in throughput.Ways)
        {
            output.WriteLine(Format(Row, way.Name, Rate(way.Median), Rate(way.Best), Ratio(way.MedianRatioToFloor), Ratio(way.MedianRatioToTyped),
                Micros(way.CpuMicrosecondsPerEvent), Micros(way.GcPauseMicrosecondsPerEvent), way.Gen0PerRound.ToString("0", CultureInfo.InvariantCulture)));
        }

        ThroughputWay session = throughput.Ways[RealtimeThroughput.SessionWay];
        output.WriteLine("  x floor, x typed: the median of the per-round ratios to the untyped and the typing bare loop (same round).");
        output.WriteLine("  cpu/event: this process's CPU time per event; gc/event: GC pause per event; gc0s: gen0 collections a round");
        output.WriteLine("  (medians of rounds; the emulator runs in a process of its own).");
        output.WriteLine(Format("  RealtimeSession = {0} of the bare loop doing the same typing inline (target at least {1:0.0}: {2}); {3} of the untyped floor",
            Ratio(session.MedianRatioToTyped), ThroughputTarget, session.MedianRatioToTyped >= ThroughputTarget ? "met" : "NOT met", Ratio(session.MedianRatioToFloor)));
    }

    private static void PrintSlowConsumer(TextWriter output, SlowConsumerResult slow)
    {
        output.WriteLine();
        output.WriteLine(Format("Realtime slow consumer: {0:0.0} MB of reply audio in {1} events, read with a {2:0} ms pause after each",
            slow.AudioBytes / 1e6, slow.Events, slow.DelayPerEvent.TotalMilliseconds));
        output.WriteLine(Format("  read in                                        {0,10:0.0} s ({1:0.0} MB/s of audio)", slow.Elapsed.TotalSeconds, slow.AudioBytes / 1e6 / slow.Elapsed.TotalSeconds));
        output.WriteLine(Format("  peak managed heap above the start              {0,10:0.0} MB (this process; the emulator runs in its own)", slow.PeakHeapGrowth / 1e6));
        output.WriteLine(Format("  peak working set above the start               {0,10:0.0} MB", slow.PeakWorkingSetGrowth / 1e6));
        output.WriteLine(Format("  peak events waiting in the session's buffer    {0,10} (bounds: {1} events, {2:0.0} MB)",
            slow.PeakBufferedEvents, slow.Bounds.MaxBufferedEvents, slow.Bounds.MaxBufferedBytes / 1e6));
        output.WriteLine(Format("  peak heap growth / audio delivered             {0,10:0.00}", (double)slow.PeakHeapGrowth / slow.AudioBytes));
    }

    private static string Ratio(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Rate(double eventsPerSecond) => eventsPerSecond.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Micros(double microseconds) => microseconds.ToString("0.00", CultureInfo.InvariantCulture) + " us";

    private static string Format(string format, params object[] values) => string.Format(CultureInfo.InvariantCulture, format, values);
}
