using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;

namespace TokenLab.Bench.Speech;

/// <summary>
/// The three New-TokenLabSpeech measurements, each bounded: the live heap while 200 MB of audio
/// streams through the cmdlet, the cmdlet's overhead on 200 one-line requests against a bare
/// HttpClient, and the speed-up of -ThrottleLimit 8 over 1 for 64 lines with 250 ms of server latency.
/// The emulator runs in its own process, so this process's heap and time are the client's. Call it on a
/// thread of its own, as a PowerShell host runs its pipeline: the cmdlet blocks its pipeline thread while
/// it waits, and a blocked thread-pool thread would starve the pool that serves its own requests.
/// </summary>
internal sealed class SpeechBench : IDisposable
{
    // 26 characters at 160 s each is 4160 s of 24 kHz 16-bit mono: 200 MB (190 MiB) of WAV.
    private const string LargeText = "Two hundred megabytes, ok.";
    private const string LargeSecondsPerCharacter = "160";
    private const int OverheadRequests = 200;
    private const int OverheadBatch = 20;
    private const int ConcurrencyLines = 64;
    private const int ServerLatencyMs = 250;
    private const int TimeoutSec = 600;
    private const int DefaultThrottleLimit = 4;

    private readonly RepoLayout _repo;
    private readonly ModuleRunspace _shell;
    private readonly string _folder;

    public SpeechBench(RepoLayout repo, ModuleRunspace shell)
    {
        _repo = repo;
        _shell = shell;
        _folder = Directory.CreateTempSubdirectory("tokenlab-speech-bench-").FullName;
    }

    public MemoryResult MeasureMemory()
    {
        using EmulatorProcess emulator = EmulatorProcess.Start(_repo, "--speech-seconds-per-character", LargeSecondsPerCharacter);
        using var http = new HttpClient { BaseAddress = emulator.BaseUri, Timeout = TimeSpan.FromSeconds(TimeoutSec) };
        string target = Path.Combine(_folder, "large.wav");
        Speak(emulator, "Warm up.", ("Format", "wav"), ("OutFile", target), ("Force", true));

        long cmdletGrowth = LiveHeapSampler.PeakGrowthWhile(() => Speak(emulator, LargeText, ("Format", "wav"), ("OutFile", target), ("Force", true)));
        long bytes = new FileInfo(target).Length;
        long streamedGrowth = LiveHeapSampler.PeakGrowthWhile(() => BareSpeech(http, LargeText, "wav", target));
        long bufferedGrowth = LiveHeapSampler.PeakGrowthWhile(() => BufferedSpeechAsync(http, LargeText).GetAwaiter().GetResult());
        File.Delete(target);
        return new MemoryResult(bytes, cmdletGrowth, streamedGrowth, bufferedGrowth);
    }

    public OverheadResult MeasureOverhead()
    {
        using EmulatorProcess emulator = EmulatorProcess.Start(_repo);
        using var http = new HttpClient { BaseAddress = emulator.BaseUri, Timeout = TimeSpan.FromSeconds(TimeoutSec) };
        string bareFolder = Directory.CreateDirectory(Path.Combine(_folder, "bare")).FullName;
        string cmdletFolder = Directory.CreateDirectory(Path.Combine(_folder, "cmdlet")).FullName;
        Speak(emulator, "Warm up.", ("OutDirectory", cmdletFolder), ("Force", true));
        BareSpeech(http, "Warm up.", "mp3", Path.Combine(bareFolder, "warm-up.mp3"));

        // Batches of each way alternate, so the machine's drifting load falls on all of them alike; each way
        // is timed per batch (its mean per request), so pauses count against every way alike.
        var bare = new List<double>();
        var perCall = new List<double>();
        var piped = new List<double>();
        var parallel = new List<double>();
        for (int batch = 0; batch < OverheadRequests / OverheadBatch; batch++)
        {
            string[] lines = Enumerable.Range(batch * OverheadBatch, OverheadBatch).Select(i => $"Overhead line number {i}.").ToArray();
            long start = Stopwatch.GetTimestamp();
            foreach (string line in lines)
            {
                BareSpeech(http, line, "mp3", Path.Combine(bareFolder, Guid.NewGuid().ToString("N") + ".mp3"));
            }

            bare.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds / lines.Length);
            start = Stopwatch.GetTimestamp();
            foreach (string line in lines)
            {
                Speak(emulator, line, ("OutDirectory", cmdletFolder), ("Force", true));
            }

            perCall.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds / lines.Length);
            piped.Add(TimeLines(emulator, lines, cmdletFolder, throttleLimit: 1) / lines.Length);
            parallel.Add(TimeLines(emulator, lines, cmdletFolder, throttleLimit: DefaultThrottleLimit) / lines.Length);
        }

        return new OverheadResult(OverheadRequests, Stats.Median(bare), Stats.Median(perCall), Stats.Median(piped), Stats.Median(parallel));
    }

    public ConcurrencyResult MeasureConcurrency()
    {
        using EmulatorProcess emulator = EmulatorProcess.Start(_repo);
        emulator.AddLatencyAsync("/v1/audio/speech", ServerLatencyMs).GetAwaiter().GetResult();
        string[] lines = Enumerable.Range(1, ConcurrencyLines).Select(i => $"Concurrent line {i}.").ToArray();
        string folder = Directory.CreateDirectory(Path.Combine(_folder, "concurrency")).FullName;

        double serial = TimeLines(emulator, lines, folder, throttleLimit: 1);
        double parallel = TimeLines(emulator, lines, folder, throttleLimit: 8);
        return new ConcurrencyResult(ConcurrencyLines, ServerLatencyMs, serial, parallel);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private double TimeLines(EmulatorProcess emulator, string[] lines, string folder, int throttleLimit)
    {
        long start = Stopwatch.GetTimestamp();
        SpeakLines(emulator, lines, ("OutDirectory", folder), ("Force", true), ("ThrottleLimit", throttleLimit));
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private void Speak(EmulatorProcess emulator, string text, params (string Name, object Value)[] parameters) =>
        _shell.InvokeExpecting(1, null, "New-TokenLabSpeech", [("Text", text), .. emulator.Connection(TimeoutSec), .. parameters]);

    private void SpeakLines(EmulatorProcess emulator, string[] lines, params (string Name, object Value)[] parameters) =>
        _shell.InvokeExpecting(lines.Length, lines, "New-TokenLabSpeech", [.. emulator.Connection(TimeoutSec), .. parameters]);

    /// <summary>What a caller does without the module: post the request and stream the body to a file.</summary>
    private static void BareSpeech(HttpClient http, string text, string format, string path) =>
        BareSpeechAsync(http, text, format, path).GetAwaiter().GetResult();

    private static async Task BareSpeechAsync(HttpClient http, string text, string format, string path)
    {
        using HttpRequestMessage request = SpeechRequest(text, format);
        using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using FileStream file = File.Create(path);
        await response.Content.CopyToAsync(file).ConfigureAwait(false);
    }

    /// <summary>What a module that buffers does (PSOpenAI reads the whole body into a byte array).</summary>
    private static async Task BufferedSpeechAsync(HttpClient http, string text)
    {
        using HttpRequestMessage request = SpeechRequest(text, "wav");
        using HttpResponseMessage response = await http.SendAsync(request).ConfigureAwait(false);
        byte[] body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        GC.KeepAlive(body);
    }

    private static HttpRequestMessage SpeechRequest(string text, string format)
    {
        string json = "{\"model\":\"tts-1\",\"input\":\"" + text + "\",\"voice\":\"alloy\",\"response_format\":\"" + format + "\"}";
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/audio/speech") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorProcess.ApiKey);
        return request;
    }
}
