using System.Collections.Concurrent;
using TokenLab.Client.Transcription;

namespace TokenLab.Client.Tests.Infrastructure;

/// <summary>Records progress reports as they come (synchronously, unlike Progress&lt;T&gt;), optionally acting on each.</summary>
internal sealed class RecordingProgress(Action<TranscriptionProgress>? onReport = null) : IProgress<TranscriptionProgress>
{
    private readonly ConcurrentQueue<TranscriptionProgress> reports = new();

    public IReadOnlyList<TranscriptionProgress> Reports => reports.ToArray();

    public void Report(TranscriptionProgress value)
    {
        reports.Enqueue(value);
        onReport?.Invoke(value);
    }
}
