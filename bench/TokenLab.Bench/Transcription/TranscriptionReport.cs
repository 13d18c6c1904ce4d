using System.IO;
using static TokenLab.Bench.ReportText;

namespace TokenLab.Bench.Transcription;

/// <summary>Prints the transcription figures with the targets.</summary>
internal static class TranscriptionReport
{
    private const long MaxHeapGrowthBytes = 4_000_000;
    private const double MinSpeedUp = 6;
    private const string Row = "  {0,-62} {1,10} {2,10}   {3}";

    public static void Print(TextWriter output, UploadMemoryResult memory, ConcurrencyResult concurrency)
    {
        output.WriteLine();
        output.WriteLine("ConvertFrom-TokenLabAudio (the emulator in its own process, so this process's heap and time are the client's)");

        output.WriteLine();
        output.WriteLine("Upload memory: peak live managed heap over the baseline while the audio uploads");
        output.WriteLine(Format(Row, string.Empty, "growth", "of audio", string.Empty));
        output.WriteLine(Format(Row, "bare HttpClient, file read into the body (as PSOpenAI does)",
            Mb(memory.BufferedGrowth), Percent(memory.BufferedGrowth, memory.UploadBytes), string.Empty));
        output.WriteLine(Format(Row, Format("ConvertFrom-TokenLabAudio, {0} WAV", Mb(memory.UploadBytes)),
            Mb(memory.CmdletGrowth), Percent(memory.CmdletGrowth, memory.UploadBytes), Target(memory.CmdletGrowth < MaxHeapGrowthBytes, "target < 4 MB")));
        output.WriteLine(Format(Row, Format("ConvertFrom-TokenLabAudio -Split, {0} WAV", Mb(memory.SplitBytes)),
            Mb(memory.SplitGrowth), Percent(memory.SplitGrowth, memory.SplitBytes), Target(memory.SplitGrowth < MaxHeapGrowthBytes, "target < 4 MB")));

        output.WriteLine();
        output.WriteLine(Format("Concurrency: {0} small files, {1} ms of server latency each", concurrency.Items, concurrency.LatencyMs));
        output.WriteLine(Format(Row, string.Empty, "wall", "speed-up", string.Empty));
        output.WriteLine(Format(Row, "ConvertFrom-TokenLabAudio -ThrottleLimit 1", Seconds(concurrency.SerialMs), "1.0x", string.Empty));
        output.WriteLine(Format(Row, "ConvertFrom-TokenLabAudio -ThrottleLimit 8", Seconds(concurrency.ParallelMs), Ratio(concurrency.SerialMs, concurrency.ParallelMs),
            Target(concurrency.SerialMs / concurrency.ParallelMs >= MinSpeedUp, "target >= 6x")));
    }
}
