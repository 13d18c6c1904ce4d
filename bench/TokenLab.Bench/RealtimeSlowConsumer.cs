using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client;
using TokenLab.Client.Realtime;
using TokenLab.Emulator;

namespace TokenLab.Bench;

internal sealed record SlowConsumerResult(
    long AudioBytes,
    int Events,
    TimeSpan Elapsed,
    TimeSpan DelayPerEvent,
    long PeakHeapGrowth,
    long PeakWorkingSetGrowth,
    int PeakBufferedEvents,
    RealtimeSessionOptions Bounds);

/// <summary>
/// A slow consumer: 100 MB of reply audio (about 2100 deltas of one second each) read with a deliberate
/// pause after every event, while a sampler records the peak of the managed heap, the working set and the
/// session's buffered events. Back-pressure must keep all three flat however much audio flows.
/// </summary>
internal static class RealtimeSlowConsumer
{
    private const long AudioBytes = 100L * 1000 * 1000;
    private const int ChunkMs = 1000;
    private static readonly TimeSpan DelayPerEvent = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static async Task<SlowConsumerResult> MeasureAsync(Uri baseUri)
    {
        var bounds = new RealtimeSessionOptions();
        var client = new TokenLabClient(new TokenLabClientOptions { BaseUri = baseUri, ApiKey = EmulatorOptions.DefaultApiKey, Timeout = TimeSpan.FromMinutes(1) });
        long audioMs = AudioBytes / RealtimeAudio.SampleRate / 2 * 1000;
        string responseCreate = string.Format(
            CultureInfo.InvariantCulture,
            "{{\"type\":\"response.create\",\"response\":{{\"metadata\":{{\"emulator_audio_ms\":\"{0}\",\"emulator_chunk_ms\":\"{1}\"}}}}}}",
            audioMs,
            ChunkMs);

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        long workingSetBefore = Environment.WorkingSet;

        using var limit = new CancellationTokenSource(Limit);
        using RealtimeSession session = await client.ConnectRealtimeAsync("gpt-realtime", bounds, limit.Token);
        using var sampling = new CancellationTokenSource();
        var sampler = new Sampler(session);
        Task samples = sampler.RunAsync(sampling.Token);

        var clock = Stopwatch.StartNew();
        await session.SendAsync(responseCreate, limit.Token);
        long audio = 0;
        int events = 0;
        RealtimeEvent? received;
        do
        {
            received = await session.ReceiveAsync(limit.Token) ?? throw new InvalidOperationException("The session closed before response.done.");
            events++;
            audio += received.Audio?.Length ?? 0;
            await Task.Delay(DelayPerEvent, limit.Token);
        }
        while (received.GaType != RealtimeEventTypes.ResponseDone);

        clock.Stop();
        await sampling.CancelAsync();
        await samples;
        await session.CloseAsync(limit.Token);
        if (audio != audioMs * RealtimeAudio.SampleRate * 2 / 1000)
        {
            throw new InvalidOperationException($"Read {audio} bytes of audio, expected {audioMs * 48}.");
        }

        return new SlowConsumerResult(audio, events, clock.Elapsed, DelayPerEvent,
            sampler.PeakHeap - heapBefore, sampler.PeakWorkingSet - workingSetBefore, sampler.PeakBuffered, bounds);
    }

    /// <summary>Polls the heap, the working set and the session's buffer until cancelled, keeping the peaks.</summary>
    private sealed class Sampler(RealtimeSession session)
    {
        public long PeakHeap { get; private set; }

        public long PeakWorkingSet { get; private set; }

        public int PeakBuffered { get; private set; }

        public async Task RunAsync(CancellationToken token)
        {
            while (!token.IsCancellationRequested)
            {
                PeakHeap = Math.Max(PeakHeap, GC.GetTotalMemory(forceFullCollection: false));
                PeakWorkingSet = Math.Max(PeakWorkingSet, Environment.WorkingSet);
                PeakBuffered = Math.Max(PeakBuffered, session.BufferedEvents);
                try
                {
                    await Task.Delay(SampleEvery, token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
