using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using TokenLab.Client.Audio;

namespace TokenLab.Bench.Transcription;

/// <summary>
/// The ConvertFrom-TokenLabAudio measurements, each bounded: the live heap while a 24 MB file uploads, and
/// while a 60 MB WAV goes in parts with -Split; and the speed-up of -ThrottleLimit 8 over 1 for 32 small
/// files with 250 ms of server latency. The emulator runs in its own process, so this process's heap and
/// time are the client's. Call it on a thread of its own, as a PowerShell host runs its pipeline.
/// </summary>
internal sealed class TranscriptionBench : IDisposable
{
    private const long UploadBytes = 24L * 1024 * 1024;
    private const long SplitBytes = 60L * 1024 * 1024;
    private const int SampleRate = 48_000;
    private const int ConcurrencyFiles = 32;
    private const int ServerLatencyMs = 250;
    private const int TimeoutSec = 600;

    private readonly RepoLayout _repo;
    private readonly ModuleRunspace _shell;
    private readonly string _folder;

    public TranscriptionBench(RepoLayout repo, ModuleRunspace shell)
    {
        _repo = repo;
        _shell = shell;
        _folder = Directory.CreateTempSubdirectory("tokenlab-transcription-bench-").FullName;
    }

    public UploadMemoryResult MeasureMemory()
    {
        using EmulatorProcess emulator = EmulatorProcess.Start(_repo);
        using var http = new HttpClient { BaseAddress = emulator.BaseUri, Timeout = TimeSpan.FromSeconds(TimeoutSec) };
        string upload = WriteWav("upload.wav", UploadBytes);
        string split = WriteWav("split.wav", SplitBytes);
        Transcribe(emulator, WriteWav("warm-up.wav", 64 * 1024));

        long cmdletGrowth = LiveHeapSampler.PeakGrowthWhile(() => Transcribe(emulator, upload));
        long bufferedGrowth = LiveHeapSampler.PeakGrowthWhile(() => BufferedUploadAsync(http, upload).GetAwaiter().GetResult());
        long splitGrowth = LiveHeapSampler.PeakGrowthWhile(() => Transcribe(emulator, split, ("Split", true)));
        return new UploadMemoryResult(new FileInfo(upload).Length, cmdletGrowth, bufferedGrowth, new FileInfo(split).Length, splitGrowth);
    }

    public ConcurrencyResult MeasureConcurrency()
    {
        using EmulatorProcess emulator = EmulatorProcess.Start(_repo);
        emulator.AddLatencyAsync("/v1/audio/transcriptions", ServerLatencyMs).GetAwaiter().GetResult();
        string folder = Directory.CreateDirectory(Path.Combine(_folder, "concurrency")).FullName;
        string[] files = Enumerable.Range(1, ConcurrencyFiles).Select(i => WriteWav(Path.Combine("concurrency", $"call{i:00}.wav"), 32 * 1024)).ToArray();

        double serial = TimeFiles(emulator, files, throttleLimit: 1);
        double parallel = TimeFiles(emulator, files, throttleLimit: 8);
        return new ConcurrencyResult(ConcurrencyFiles, ServerLatencyMs, serial, parallel);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private double TimeFiles(EmulatorProcess emulator, string[] files, int throttleLimit)
    {
        long start = Stopwatch.GetTimestamp();
        _shell.InvokeExpecting(files.Length, files, "ConvertFrom-TokenLabAudio", [.. emulator.Connection(TimeoutSec), ("ResponseFormat", "json"), ("ThrottleLimit", throttleLimit)]);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private void Transcribe(EmulatorProcess emulator, string path, params (string Name, object Value)[] parameters) =>
        _shell.InvokeExpecting(1, null, "ConvertFrom-TokenLabAudio", [("Path", path), ("ResponseFormat", "json"), .. emulator.Connection(TimeoutSec), .. parameters]);

    /// <summary>A 48 kHz 16-bit mono WAV of about <paramref name="bytes"/> bytes: a quiet tone, written in blocks.</summary>
    private string WriteWav(string name, long bytes)
    {
        string path = Path.Combine(_folder, name);
        long dataLength = (bytes - WavFormat.CanonicalHeaderLength) / 2 * 2;
        var second = new byte[SampleRate * 2];
        for (int i = 0; i < SampleRate; i++)
        {
            BitConverter.TryWriteBytes(second.AsSpan(i * 2), (short)(4000 * Math.Sin(i / 6.0)));
        }

        using FileStream file = File.Create(path);
        file.Write(WavFormat.CreatePcm16Header(SampleRate, 1, dataLength));
        for (long written = 0; written < dataLength; written += second.Length)
        {
            file.Write(second, 0, (int)Math.Min(second.Length, dataLength - written));
        }

        return path;
    }

    /// <summary>What a module that buffers does (PSOpenAI reads the whole file into the multipart body).</summary>
    private static async Task BufferedUploadAsync(HttpClient http, string path)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(path).ConfigureAwait(false));
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        content.Add(file, "file", Path.GetFileName(path));
        content.Add(new StringContent("whisper-1"), "model");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/audio/transcriptions") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorProcess.ApiKey);
        using HttpResponseMessage response = await http.SendAsync(request).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }
}
