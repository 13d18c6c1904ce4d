using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace TokenLab.Emulator.Tasks;

/// <summary>The accepted asynchronous tasks, by ID (<c>ldtask_</c> and 32 hex digits, as TokenLab's).</summary>
internal sealed class TaskStore(TimeProvider time)
{
    // Bounded so a long-running emulator cannot grow without limit; the oldest tasks go first.
    private const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, EmulatedTask> _tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public EmulatedTask Create(string ownerKey, string model, TimeSpan delay, TaskOutcome outcome, int? retryAfterSeconds, JsonNode result)
    {
        var task = new EmulatedTask("ldtask_" + Guid.NewGuid().ToString("N"), ownerKey, model, time.GetUtcNow(), delay, outcome, result)
        {
            RetryAfterSeconds = retryAfterSeconds,
        };
        _tasks[task.Id] = task;
        _order.Enqueue(task.Id);
        while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _tasks.TryRemove(oldest, out _);
        }

        return task;
    }

    public EmulatedTask? Find(string id) => _tasks.GetValueOrDefault(id);

    public DateTimeOffset Now => time.GetUtcNow();
}
