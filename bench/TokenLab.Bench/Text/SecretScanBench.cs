using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using TokenLab.Client.Text;

namespace TokenLab.Bench.Text;

/// <summary>
/// The secrets guard on 10 MB texts: ordinary prose, and runs of the characters keys are made of (letters,
/// digits, dots, hyphens, key prefixes, URL and PEM openings), which made the old regular expressions time out.
/// Prints the best of three scans of each, and MB/s; the scan is linear, so every row should be far under a second.
/// </summary>
internal static class SecretScanBench
{
    private const int Size = 10 * 1024 * 1024;
    private const int Runs = 3;

    public static void Print(TextWriter output)
    {
        (string Name, string Unit)[] texts =
        [
            ("prose with a key every 64 KB", "The nightly backup finished at two and copied 4.2 TB to the vault; ticket INC0012345 is closed. "),
            ("letters", "a"),
            ("letters and dots", "a."),
            ("letters and hyphens", "a-"),
            ("version-like runs", "1.2-"),
            ("mixed-case alphanumerics", "aB3"),
            ("repeated sk-", "sk-"),
            ("repeated eyJ.", "eyJ."),
            ("repeated https://", "https://"),
            ("repeated password=", "password="),
            ("repeated Bearer", "Bearer "),
            ("repeated -----BEGIN", "-----BEGIN "),
        ];

        output.WriteLine("Secrets guard: SensitiveTextScanner.Scan on 10 MB texts (best of 3; CPU ms is the process's processor time, steadier than wall time on a busy machine)");
        output.WriteLine($"{"Text",-30} {"ms",8} {"CPU ms",8} {"MB/s",8} {"findings",9}");
        foreach ((string name, string unit) in texts)
        {
            string text = Build(unit, name.StartsWith("prose", StringComparison.Ordinal));
            double best = double.MaxValue;
            double bestCpu = double.MaxValue;
            int findings = 0;
            for (int run = 0; run < Runs; run++)
            {
                TimeSpan cpuBefore = ThreadCpu();
                var clock = Stopwatch.StartNew();
                findings = SensitiveTextScanner.Scan(text).Count;
                best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
                bestCpu = Math.Min(bestCpu, (ThreadCpu() - cpuBefore).TotalMilliseconds);
            }

            output.WriteLine($"{name,-30} {best,8:0} {bestCpu,8:0} {Size / 1048576.0 / (best / 1000),8:0} {findings,9}");
        }
    }

    private static TimeSpan ThreadCpu()
    {
        using Process self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static string Build(string unit, bool withKeys)
    {
        var text = new StringBuilder(Size + 64);
        while (text.Length < Size)
        {
            text.Append(unit);
            if (withKeys && text.Length % 65536 < unit.Length)
            {
                text.Append("Use sk-Zq4Lm8Kp2Vx6Bn0Tc3Hw5Jd here. ");
            }
        }

        return text.ToString(0, Size);
    }
}
