using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using TokenLab.Client;
using TokenLab.Emulator;

namespace TokenLab.Bench;

/// <summary>
/// One run: module import in fresh processes and runspaces, then each call scenario, then the realtime
/// measurements, all against one emulator in this process; prints the report to stdout and progress to
/// stderr. With --realtime, only the realtime measurements run.
/// </summary>
internal static class Program
{
    private const int ImportRuns = 7;
    private const int WarmupRounds = 3;
    private const int Rounds = 20;
    private const int RealtimeWarmupRounds = 2;
    private const int RealtimeRounds = 15;

    private static async Task Main(string[] args)
    {
        RepoLayout repo = RepoLayout.Locate();
        await using EmulatorServer emulator = await EmulatorServer.StartAsync(new EmulatorOptions());
        if (args.Contains("--realtime"))
        {
            Console.Out.WriteLine("TokenLab realtime performance: sessions against an in-process emulator on loopback");
            foreach (string line in MachineInfo.Describe())
            {
                Console.Out.WriteLine(line);
            }

            await MeasureRealtimeAsync(repo, emulator);
            return;
        }

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
        await MeasureRealtimeAsync(repo, emulator);
    }

    private static async Task MeasureRealtimeAsync(RepoLayout repo, EmulatorServer emulator)
    {
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
        RealtimeReport.Print(Console.Out, throughputs, slow, loadBefore, MachineInfo.LoadAverage());
    }

    private static void Progress(string step) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] measuring: {step}");
}
