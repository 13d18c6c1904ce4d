using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client;
using TokenLab.Client.Realtime;
using TokenLab.Emulator;

namespace TokenLab.Bench;

/// <summary>
/// Events per second one way reached in each measured round; its ratios to the two bare loops in the same
/// round (measured moments apart, so a machine's changing load weighs on all alike); and the medians of the
/// CPU time this process spent per event, of the GC pauses per event and of gen0 collections per round (the
/// emulator runs in a process of its own, so these are the reader's alone).
/// </summary>
internal sealed record ThroughputWay(
    string Name,
    IReadOnlyList<double> EventsPerSecond,
    IReadOnlyList<double> RatiosToFloor,
    IReadOnlyList<double> RatiosToTyped,
    double CpuMicrosecondsPerEvent,
    double GcPauseMicrosecondsPerEvent,
    double Gen0PerRound)
{
    public double Median => Stats.Median(EventsPerSecond);

    public double Best => EventsPerSecond.Max();

    public double MedianRatioToFloor => Stats.Median(RatiosToFloor);

    public double MedianRatioToTyped => Stats.Median(RatiosToTyped);
}

internal sealed record ThroughputResult(string Shape, int EventsPerRound, int Rounds, IReadOnlyList<ThroughputWay> Ways);

/// <summary>What the measured response is made of: its audio and the audio per delta event.</summary>
internal sealed record ResponseShape(string Description, int AudioMs, int ChunkMs)
{
    /// <summary>Tiny events (5 ms of audio, about 450 bytes): the per-event cost, the harshest case.</summary>
    public static readonly ResponseShape SmallEvents = new("events of 5 ms of audio, about 450 bytes", 1_000_000, 5);

    /// <summary>Audio deltas of 100 ms (about 6.5 KB), as realtime models stream them.</summary>
    public static readonly ResponseShape AudioDeltas = new("audio deltas of 100 ms, about 6.5 KB", 3_000_000, 100);

    public string ResponseCreate => string.Format(
        CultureInfo.InvariantCulture,
        "{{\"type\":\"response.create\",\"response\":{{\"metadata\":{{\"emulator_audio_ms\":\"{0}\",\"emulator_chunk_ms\":\"{1}\"}}}}}}",
        AudioMs,
        ChunkMs);
}

/// <summary>
/// Event throughput: one emulator response of many events, read to response.done by a bare ClientWebSocket
/// loop (untyped, then typing inline), by a RealtimeSession (received in the background, typed, handed over
/// through the bounded buffer; each event's type is read), and by Receive-TokenLabRealtimeEvent in a
/// runspace. Rounds rotate the order of the ways so a drifting machine load falls on all of them alike.
/// </summary>
internal static class RealtimeThroughput
{
    /// <summary>The positions of the two bare loops and of the session among the ways.</summary>
    public const int FloorWay = 0;
    public const int TypedWay = 1;
    public const int SessionWay = 2;

    private const string Model = "gpt-realtime";

    private static readonly TimeSpan RoundLimit = TimeSpan.FromMinutes(2);

    public static async Task<ThroughputResult> MeasureAsync(Uri baseUri, ModuleRunspace shell, ResponseShape shape, int warmupRounds, int rounds)
    {
        string responseCreate = shape.ResponseCreate;
        var client = new TokenLabClient(new TokenLabClientOptions { BaseUri = baseUri, ApiKey = EmulatorOptions.DefaultApiKey, Timeout = TimeSpan.FromMinutes(1) });
        var webSocketUri = new Uri(baseUri.AbsoluteUri.Replace("http://", "ws://", StringComparison.Ordinal) + "v1/realtime?model=" + Model);
        var ways = new (string Name, Func<CancellationToken, Task<(int Events, TimeSpan Elapsed)>> Read)[]
        {
            ("bare ClientWebSocket loop (floor)", token => BareWebSocketReader.ReadResponseAsync(webSocketUri, responseCreate, typed: false, token)),
            ("bare loop, same typing inline (baseline)", token => BareWebSocketReader.ReadResponseAsync(webSocketUri, responseCreate, typed: true, token)),
            ("RealtimeSession.ReceiveAsync (typed)", token => ReadWithSessionAsync(client, responseCreate, token)),
            ("Receive-TokenLabRealtimeEvent (runspace)", _ => Task.FromResult(ReadWithCmdlet(shell, baseUri, responseCreate))),
        };

        var samples = ways.Select(_ => new List<double>()).ToArray();
        var cpuSamples = ways.Select(_ => new List<double>()).ToArray();
        var pauseSamples = ways.Select(_ => new List<double>()).ToArray();
        var gcSamples = ways.Select(_ => new List<double>()).ToArray();
        int eventsPerRound = 0;
        for (int round = 0; round < warmupRounds + rounds; round++)
        {
            for (int step = 0; step < ways.Length; step++)
            {
                int way = (round + step) % ways.Length;
                using var limit = new CancellationTokenSource(RoundLimit);
                TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                TimeSpan pauseBefore = GC.GetTotalPauseDuration();
                int gcBefore = GC.CollectionCount(0);
                (int events, TimeSpan elapsed) = await ways[way].Read(limit.Token);
                TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                TimeSpan pause = GC.GetTotalPauseDuration() - pauseBefore;
                int gcs = GC.CollectionCount(0) - gcBefore;
                if (eventsPerRound != 0 && events != eventsPerRound)
                {
                    throw new InvalidOperationException($"{ways[way].Name} read {events} events, another way {eventsPerRound}.");
                }

                eventsPerRound = events;
                if (round >= warmupRounds)
                {
                    samples[way].Add(events / elapsed.TotalSeconds);
                    cpuSamples[way].Add(cpu.TotalMilliseconds * 1000 / events);
                    pauseSamples[way].Add(pause.TotalMilliseconds * 1000 / events);
                    gcSamples[way].Add(gcs);
                }
            }
        }

        return new ThroughputResult(shape.Description, eventsPerRound, rounds, ways.Select((way, i) => new ThroughputWay(
            way.Name,
            samples[i],
            samples[i].Select((rate, round) => rate / samples[FloorWay][round]).ToList(),
            samples[i].Select((rate, round) => rate / samples[TypedWay][round]).ToList(),
            Stats.Median(cpuSamples[i]),
            Stats.Median(pauseSamples[i]),
            Stats.Median(gcSamples[i]))).ToList());
    }

    private static async Task<(int Events, TimeSpan Elapsed)> ReadWithSessionAsync(TokenLabClient client, string responseCreate, CancellationToken token)
    {
        using RealtimeSession session = await client.ConnectRealtimeAsync(Model, null, token);
        _ = await session.ReceiveAsync(token); // session.created
        var clock = Stopwatch.StartNew();
        await session.SendAsync(responseCreate, token);
        int events = 0;
        RealtimeEvent? received;
        do
        {
            received = await session.ReceiveAsync(token) ?? throw new InvalidOperationException("The session closed before response.done.");
            events++;
        }
        while (received.GaType != RealtimeEventTypes.ResponseDone);

        clock.Stop();
        await session.CloseAsync(token);
        return (events, clock.Elapsed);
    }

    private static (int Events, TimeSpan Elapsed) ReadWithCmdlet(ModuleRunspace shell, Uri baseUri, string responseCreate)
    {
        string script = string.Format(
            CultureInfo.InvariantCulture,
            """
            $session = Start-TokenLabRealtime -Model {0} -BaseUri '{1}' -ApiKey '{2}' -SkipModelCheck -ErrorAction Stop
            $null = Receive-TokenLabRealtimeEvent -Session $session -Until session.created -TimeoutSec 60
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            Send-TokenLabRealtimeEvent -Session $session -Event '{3}'
            $events = (Receive-TokenLabRealtimeEvent -Session $session -Until response.done -TimeoutSec 120 | Measure-Object).Count
            $clock.Stop()
            $null = Stop-TokenLabRealtime -Session $session
            '{{0}} {{1}}' -f $events, $clock.Elapsed.Ticks
            """,
            Model,
            baseUri.AbsoluteUri,
            EmulatorOptions.DefaultApiKey,
            responseCreate);
        string[] result = shell.InvokeScript(script).Split(' ');
        return (int.Parse(result[0], CultureInfo.InvariantCulture), TimeSpan.FromTicks(long.Parse(result[1], CultureInfo.InvariantCulture)));
    }
}
