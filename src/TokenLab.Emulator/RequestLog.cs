namespace TokenLab.Emulator;

/// <summary>One API request as the emulator saw it. Credentials are masked; the full key is never stored.</summary>
public sealed record RecordedRequest
{
    /// <summary>Increases by one per request for the life of the server; clearing the log does not reset it.</summary>
    public required long Sequence { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public required string Method { get; init; }

    public required string Path { get; init; }

    /// <summary>The raw query string including '?', or empty.</summary>
    public required string Query { get; init; }

    public required string RequestId { get; init; }

    /// <summary>Selected request headers; Authorization is masked as "Bearer sk-…abcd".</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public required ApiKeyStatus ApiKeyStatus { get; init; }

    /// <summary>The JSON body an endpoint parsed (at most 16 KiB), or null when it read none.</summary>
    public string? Body { get; init; }

    /// <summary>The applied fault: a queued fault's ID, "header" for a header fault, or null.</summary>
    public string? Fault { get; init; }

    /// <summary>When the response ended (or the connection broke); null while the request runs. Comparing it with
    /// another request's <see cref="Timestamp"/> shows whether the two overlapped.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The status sent, or null while the request runs or when no response was sent (a reset).</summary>
    public int? StatusCode { get; init; }
}

/// <summary>The requests received, in order, for tests to assert on what a client actually sent.</summary>
public sealed class RequestLog
{
    // Bounded so a long-running emulator (a demo, a soak test) cannot grow without limit.
    private const int Capacity = 10_000;

    private readonly LinkedList<RecordedRequest> _entries = new();
    private readonly Lock _gate = new();
    private long _lastSequence;

    /// <summary>A copy of the recorded requests, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return _entries.ToList();
        }
    }

    /// <summary>Forgets every recorded request; returns how many there were.</summary>
    public int Clear()
    {
        lock (_gate)
        {
            var count = _entries.Count;
            _entries.Clear();
            return count;
        }
    }

    internal RecordedRequest Begin(Func<long, RecordedRequest> create)
    {
        lock (_gate)
        {
            var entry = create(++_lastSequence);
            _entries.AddLast(entry);
            if (_entries.Count > Capacity)
            {
                _entries.RemoveFirst();
            }

            return entry;
        }
    }

    internal void Complete(long sequence, DateTimeOffset completedAt, string? fault, int? statusCode, string? body)
    {
        lock (_gate)
        {
            for (var node = _entries.Last; node is not null; node = node.Previous)
            {
                if (node.Value.Sequence == sequence)
                {
                    node.Value = node.Value with { CompletedAt = completedAt, Fault = fault, StatusCode = statusCode, Body = body };
                    return;
                }
            }
        }
    }
}
