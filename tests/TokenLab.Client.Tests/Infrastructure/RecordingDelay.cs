using System.Collections.Concurrent;

namespace TokenLab.Client.Tests.Infrastructure;

/// <summary>Stands in for Task.Delay: records each requested wait and returns at once.</summary>
internal sealed class RecordingDelay
{
    private readonly ConcurrentQueue<TimeSpan> waits = new();

    public IReadOnlyList<TimeSpan> Waits => waits.ToArray();

    public Task DelayAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        waits.Enqueue(wait);
        return cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : Task.CompletedTask;
    }
}
