using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Bench.Speech;
using TokenLab.Bench.Text;
using TokenLab.Bench.Transcription;
using TokenLab.Client;
using TokenLab.Emulator;

namespace TokenLab.Bench;

/// <summary>
/// One run: the catalog measurements (module import in fresh processes and runspaces, then each call
/// scenario against one emulator in this process), and the speech and transcription measurements (against
/// emulators in their own processes), and the realtime measurements (sessions against an emulator in its
/// own process), the secrets guard on 10 MB texts, and the realtime input conversion (30-minute recordings);
/// prints the report to stdout and progress to stderr. The first argument, "catalog", "speech", "transcription",
/// "realtime", "secrets" or "realtime-input", runs only that part.
/// </summary>
internal static class Program
{
    private const int ImportRuns = 7;
    private const int WarmupRounds = 3;
    private const int Rounds = 20;
    private const int RealtimeWarmupRounds = 2;
    private const int RealtimeRounds = 15;

    private static async Task<int> Main(string[] args)
    {
        string part = args.Length > 0 ? args[0] : "all";
        if (part is not ("all" or "catalog" or "speech" or "transcription" or "realtime" or "secrets" or "realtime-input"))
        {
            await Console.Error.WriteLineAsync("Usage: TokenLab.Bench [all|catalog|speech|transcription|realtime|secrets|realtime-input]");
            return 2;
        }

        RepoLayout repo = RepoLayout.Locate();
        if (part is "all" or "catalog")
        {
            await MeasureCatalogAsync(repo);
        }

        if (part is "all" or "speech")
        {
            MeasureSpeech(repo, printMachine: part == "speech");
        }

        if (part is "all" or "transcription")
        {
            MeasureTranscription(repo, printMachine: part == "transcription");
        }

        if (part is "all" or "realtime")
        {
            await MeasureRealtimeAsync(repo, printMachine: part == "realtime");
        }

        if (part is "all" or "secrets")
        {
            Progress("secrets guard on 10 MB texts");
            PrintMachine(part == "secrets");
            SecretScanBench.Print(Console.Out);
        }

        if (part is "all" or "realtime-input")
        {
            MeasureRealtimeInput(repo, printMachine: part == "realtime-input");
        }

        return 0;
    }

    private static async Task MeasureCatalogAsync(RepoLayout repo)
    {
        await using EmulatorServer emulator = await EmulatorServer.StartAsync(new EmulatorOptions { RealtimePace = RealtimePace.Fast });

        // Imports first, while nothing of TokenLab is loaded in this process yet.
        Progress("Import-Module in fresh pwsh processes");
        ProcessImportTimes processImport = ProcessImportTimer.Measure(repo, emulator.BaseUri, ImportRuns);
        Progress("Import-Module in fresh runspaces in this process");
        RunspaceImportTimes runspaceImport = RunspaceImportTimer.Measure(repo.ModuleManifest, ImportRuns);

        using var http = new HttpClient { BaseAddress = emulator.BaseUri };
        var client = new TokenLabClient(new TokenLabClientOptions { BaseUri = emulator.BaseUri });
        using ModuleRunspace shell = ModuleRunspace.Open();
        shell.ImportModule(repo.ModuleManifest);

        var results = new List<ScenarioResult>();
        foreach (Scenario scenario in (Scenario[])[Scenarios.Detail(emulator.BaseUri, http, client, shell), Scenarios.List(emulator.BaseUri, http, client, shell)])
        {
            Progress(scenario.Title);
            results.Add(await CallSampler.RunAsync(emulator.BaseUri, scenario, WarmupRounds, Rounds));
        }

        Report.Print(Console.Out, results, processImport, runspaceImport);
    }

    private static async Task MeasureRealtimeAsync(RepoLayout repo, bool printMachine)
    {
        using EmulatorProcess emulator = EmulatorProcess.Start(repo);
        using ModuleRunspace shell = ModuleRunspace.Open();
        shell.ImportModule(repo.ModuleManifest);
        string loadBefore = MachineInfo.LoadAverage();
        var throughputs = new List<ThroughputResult>();
        foreach (ResponseShape shape in (ResponseShape[])[ResponseShape.SmallEvents, ResponseShape.AudioDeltas])
        {
            Progress("realtime event throughput, " + shape.Description);
            throughputs.Add(await RealtimeThroughput.MeasureAsync(emulator.BaseUri, shell, shape, RealtimeWarmupRounds, RealtimeRounds));
        }

        Progress("realtime slow consumer");
        SlowConsumerResult slow = await RealtimeSlowConsumer.MeasureAsync(emulator.BaseUri);
        PrintMachine(printMachine);
        RealtimeReport.Print(Console.Out, throughputs, slow, loadBefore, MachineInfo.LoadAverage());
    }

    /// <summary>On a thread of its own, as a PowerShell host runs its pipeline (see <see cref="PipelineThread"/>).</summary>
    private static void MeasureSpeech(RepoLayout repo, bool printMachine)
    {
        (MemoryResult memory, OverheadResult overhead, ConcurrencyResult concurrency) = WithModule(repo, shell =>
        {
            using var bench = new SpeechBench(repo, shell);
            Progress("New-TokenLabSpeech: live heap while 200 MB of audio streams to disk");
            MemoryResult memoryResult = bench.MeasureMemory();
            Progress("New-TokenLabSpeech: overhead on one-line requests");
            OverheadResult overheadResult = bench.MeasureOverhead();
            Progress("New-TokenLabSpeech: -ThrottleLimit 8 against 1 with server latency");
            return (memoryResult, overheadResult, bench.MeasureConcurrency());
        });

        PrintMachine(printMachine);
        SpeechReport.Print(Console.Out, memory, overhead, concurrency);
    }

    /// <summary>On a thread of its own, as for speech.</summary>
    private static void MeasureTranscription(RepoLayout repo, bool printMachine)
    {
        (UploadMemoryResult memory, ConcurrencyResult concurrency) = WithModule(repo, shell =>
        {
            using var bench = new TranscriptionBench(repo, shell);
            Progress("ConvertFrom-TokenLabAudio: live heap while 24 MB uploads, and 60 MB with -Split");
            UploadMemoryResult memoryResult = bench.MeasureMemory();
            Progress("ConvertFrom-TokenLabAudio: -ThrottleLimit 8 against 1 with server latency");
            return (memoryResult, bench.MeasureConcurrency());
        });

        PrintMachine(printMachine);
        TranscriptionReport.Print(Console.Out, memory, concurrency);
    }

    /// <summary>On a thread of its own, as for speech.</summary>
    private static void MeasureRealtimeInput(RepoLayout repo, bool printMachine)
    {
        RealtimeInputResult result = WithModule(repo, shell =>
        {
            using var bench = new RealtimeInputBench(repo, shell);
            Progress("Send-TokenLabRealtimeAudio: live heap while 30-minute WAV and MP3 recordings are converted and sent");
            return bench.Measure();
        });

        PrintMachine(printMachine);
        result.Print(Console.Out);
    }

    /// <summary>Runs <paramref name="measure"/> on a pipeline thread of its own with the module imported in a fresh runspace.</summary>
    private static T WithModule<T>(RepoLayout repo, Func<ModuleRunspace, T> measure) => PipelineThread.Run(() =>
    {
        using ModuleRunspace shell = ModuleRunspace.Open();
        shell.ImportModule(repo.ModuleManifest);
        return measure(shell);
    });

    private static void PrintMachine(bool print)
    {
        if (print)
        {
            foreach (string line in MachineInfo.Describe())
            {
                Console.WriteLine(line);
            }
        }
    }

    private static void Progress(string step) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] measuring: {step}");
}
