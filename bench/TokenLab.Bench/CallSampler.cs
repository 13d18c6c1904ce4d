using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;

namespace TokenLab.Bench;

/// <summary>
/// Runs a scenario in rounds. Each round sends a batch through the raw-socket floor, then a batch
/// through each way, the order rotating from round to round, so the machine's drifting load falls
/// on all of them alike. Allocations are counted process-wide per batch; the emulator's share,
/// measured during the floor's batch of the same round, is taken off to leave the client's.
/// </summary>
internal static class CallSampler
{
    private const string FloorName = "raw socket (floor: loopback + emulator)";

    public static async Task<ScenarioResult> RunAsync(Uri baseUri, Scenario scenario, int warmupRounds, int rounds)
    {
        using var floor = new RawHttpGet(baseUri, scenario.Path);
        int models = await scenario.Ways[0].InvokeAsync();
        await RunRoundsAsync(scenario, floor, models, warmupRounds, NewSamples(scenario, warmupRounds));

        CallSamples[] samples = NewSamples(scenario, rounds);
        long emulatorBytes = await RunRoundsAsync(scenario, floor, models, rounds, samples);
        return new ScenarioResult(
            scenario.Title,
            models,
            samples[0].Summarize(),
            samples.Skip(1).Select(s => s.Summarize()).ToList(),
            (double)emulatorBytes / (rounds * scenario.BatchSize));
    }

    /// <summary>The floor's samples first, then one per way.</summary>
    private static CallSamples[] NewSamples(Scenario scenario, int rounds) =>
        [new CallSamples(FloorName, rounds * scenario.BatchSize), .. scenario.Ways.Select(way => new CallSamples(way.Name, rounds * scenario.BatchSize))];

    /// <summary>Returns what the emulator allocated while serving the floor's batches.</summary>
    private static async Task<long> RunRoundsAsync(Scenario scenario, RawHttpGet floor, int models, int rounds, CallSamples[] samples)
    {
        long emulatorBytes = 0;
        int ways = scenario.Ways.Count;
        for (int round = 0; round < rounds; round++)
        {
            long roundEmulatorBytes = MeasureFloor(floor, scenario.BatchSize, samples[0]);
            emulatorBytes += roundEmulatorBytes;
            for (int i = 0; i < ways; i++)
            {
                int way = (round + i) % ways;
                await MeasureAsync(scenario.Ways[way], models, scenario.BatchSize, roundEmulatorBytes, samples[way + 1]);
            }
        }

        return emulatorBytes;
    }

    /// <summary>
    /// The floor runs synchronously on this thread, so this thread's allocations are the client's
    /// and the rest of the process's are the emulator's. Returns the emulator's.
    /// </summary>
    private static long MeasureFloor(RawHttpGet floor, int calls, CallSamples samples)
    {
        long processBefore = GC.GetTotalAllocatedBytes(precise: true);
        long threadBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int call = 0; call < calls; call++)
        {
            long start = Stopwatch.GetTimestamp();
            floor.Send();
            samples.AddCall(Stopwatch.GetElapsedTime(start));
        }

        long clientBytes = GC.GetAllocatedBytesForCurrentThread() - threadBefore;
        long processBytes = GC.GetTotalAllocatedBytes(precise: true) - processBefore;
        samples.AddClientBytes(clientBytes);
        return processBytes - clientBytes;
    }

    private static async Task MeasureAsync(CallWay way, int models, int calls, long emulatorBytes, CallSamples samples)
    {
        long processBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (int call = 0; call < calls; call++)
        {
            long start = Stopwatch.GetTimestamp();
            int received = await way.InvokeAsync();
            samples.AddCall(Stopwatch.GetElapsedTime(start));
            if (received != models)
            {
                throw new InvalidOperationException($"{way.Name} got {received} models where the baseline got {models}.");
            }
        }

        samples.AddClientBytes(GC.GetTotalAllocatedBytes(precise: true) - processBefore - emulatorBytes);
    }
}
