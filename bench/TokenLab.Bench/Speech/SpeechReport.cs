using System.IO;
using static TokenLab.Bench.ReportText;

namespace TokenLab.Bench.Speech;

/// <summary>Prints the speech figures with their ratios and the targets.</summary>
internal static class SpeechReport
{
    private const long MaxHeapGrowthBytes = 4_000_000;
    private const double MaxOverheadRatio = 1.5;
    private const double MinSpeedUp = 6;
    private const string Row = "  {0,-62} {1,10} {2,10}   {3}";

    public static void Print(TextWriter output, MemoryResult memory, OverheadResult overhead, ConcurrencyResult concurrency)
    {
        output.WriteLine();
        output.WriteLine("New-TokenLabSpeech (the emulator in its own process, so this process's heap and time are the client's)");

        output.WriteLine();
        output.WriteLine(Format("Streaming memory: one {0} WAV response; peak live managed heap over the baseline", Mb(memory.AudioBytes)));
        output.WriteLine(Format(Row, string.Empty, "growth", "of audio", string.Empty));
        output.WriteLine(Format(Row, "bare HttpClient, body streamed to a file", Mb(memory.StreamedGrowth), Percent(memory.StreamedGrowth, memory.AudioBytes), string.Empty));
        output.WriteLine(Format(Row, "bare HttpClient, body read into memory (as PSOpenAI does)", Mb(memory.BufferedGrowth), Percent(memory.BufferedGrowth, memory.AudioBytes), string.Empty));
        output.WriteLine(Format(Row, "New-TokenLabSpeech -OutFile", Mb(memory.CmdletGrowth), Percent(memory.CmdletGrowth, memory.AudioBytes),
            Target(memory.CmdletGrowth < MaxHeapGrowthBytes, "target < 4 MB")));

        output.WriteLine();
        output.WriteLine(Format("Overhead: {0} one-line requests a way, in batches of 20 (median over batches of the mean per request)", overhead.Requests));
        output.WriteLine(Format(Row, string.Empty, "median", "x Http", string.Empty));
        output.WriteLine(Format(Row, "bare HttpClient, body streamed to a file", Ms(overhead.BareMs), "1.0x", string.Empty));
        output.WriteLine(Format(Row, "New-TokenLabSpeech, one invocation per line", Ms(overhead.CmdletPerCallMs), Ratio(overhead.CmdletPerCallMs, overhead.BareMs),
            Target(overhead.CmdletPerCallMs / overhead.BareMs <= MaxOverheadRatio, "target <= 1.5x")));
        output.WriteLine(Format(Row, "New-TokenLabSpeech, 20 lines piped, -ThrottleLimit 1", Ms(overhead.CmdletPipedMs), Ratio(overhead.CmdletPipedMs, overhead.BareMs),
            Target(overhead.CmdletPipedMs / overhead.BareMs <= MaxOverheadRatio, "target <= 1.5x")));
        output.WriteLine(Format(Row, "New-TokenLabSpeech, 20 lines piped, -ThrottleLimit 4 (default)", Ms(overhead.CmdletParallelMs), Ratio(overhead.CmdletParallelMs, overhead.BareMs), string.Empty));

        output.WriteLine();
        output.WriteLine(Format("Concurrency: {0} lines, {1} ms of server latency each", concurrency.Items, concurrency.LatencyMs));
        output.WriteLine(Format(Row, string.Empty, "wall", "speed-up", string.Empty));
        output.WriteLine(Format(Row, "New-TokenLabSpeech -ThrottleLimit 1", Seconds(concurrency.SerialMs), "1.0x", string.Empty));
        output.WriteLine(Format(Row, "New-TokenLabSpeech -ThrottleLimit 8", Seconds(concurrency.ParallelMs), Ratio(concurrency.SerialMs, concurrency.ParallelMs),
            Target(concurrency.SerialMs / concurrency.ParallelMs >= MinSpeedUp, "target >= 6x")));
    }
}
