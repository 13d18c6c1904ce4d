namespace TokenLab.Emulator.Endpoints.Realtime;

/// <summary>How a realtime session ended.</summary>
public enum RealtimeSessionEnd
{
    /// <summary>Still open.</summary>
    Open,

    /// <summary>The client sent the first close frame.</summary>
    ClosedByClient,

    /// <summary>The emulator sent the first close frame (a close fault, or a message too big).</summary>
    ClosedByServer,

    /// <summary>The client's connection went away without a close frame.</summary>
    ClientLost,

    /// <summary>The emulator dropped the connection without a close frame (a disconnect fault, or shutdown).</summary>
    Dropped,
}

/// <summary>One realtime session as the emulator saw it, for tests to assert on what a client did.</summary>
public sealed record RealtimeSessionRecord
{
    public required string SessionId { get; init; }

    public required string Model { get; init; }

    /// <summary>"ga" or "beta".</summary>
    public required string Dialect { get; init; }

    /// <summary>The request ID of the upgrade request (also in the request log).</summary>
    public required string RequestId { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public RealtimeSessionEnd End { get; init; }

    /// <summary>The close status of the first close frame, from either side; null without one.</summary>
    public int? CloseStatus { get; init; }

    public string? CloseDescription { get; init; }

    /// <summary>The types of the client events received, in order (at most <see cref="RealtimeSessionLog.MaxEventTypesPerSession"/>).</summary>
    public required IReadOnlyList<string> ClientEvents { get; init; }

    /// <summary>How many events the emulator sent.</summary>
    public long ServerEventCount { get; init; }

    /// <summary>The fault applied to the session: a queued fault's ID, "header", or null.</summary>
    public string? Fault { get; init; }
}

/// <summary>The realtime sessions opened, newest last; bounded like the request log.</summary>
public sealed class RealtimeSessionLog
{
    /// <summary>Client event types kept per session; later ones are counted in the request log only.</summary>
    public const int MaxEventTypesPerSession = 1000;

    private const int Capacity = 1000;

    private readonly LinkedList<Entry> _entries = new();
    private readonly Lock _gate = new();

    /// <summary>A copy of the recorded sessions, oldest first.</summary>
    public IReadOnlyList<RealtimeSessionRecord> Snapshot()
    {
        lock (_gate)
        {
            return _entries.Select(entry => entry.ToRecord()).ToList();
        }
    }

    /// <summary>Forgets the sessions that have ended; returns how many there were. Open sessions stay.</summary>
    public int ClearEnded()
    {
        lock (_gate)
        {
            var ended = _entries.Where(entry => entry.End != RealtimeSessionEnd.Open).ToList();
            foreach (var entry in ended)
            {
                _entries.Remove(entry);
            }

            return ended.Count;
        }
    }

    /// <summary>
    /// The record of a session once its end is recorded, which happens as its socket closes, a moment after the
    /// client sees the close. For tests that assert how a session ended.
    /// </summary>
    public async Task<RealtimeSessionRecord> WaitForEndAsync(string sessionId, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_gate)
        {
            entry = _entries.FirstOrDefault(e => e.SessionId == sessionId)
                ?? throw new ArgumentException($"No realtime session '{sessionId}' was recorded.", nameof(sessionId));
        }

        await entry.Finished.WaitAsync(cancellationToken);
        lock (_gate)
        {
            return entry.ToRecord();
        }
    }

    /// <summary>Registers a new session, or returns null when <see cref="RealtimeLimits.MaxConcurrentSessions"/> are open.</summary>
    internal Entry? TryOpen(string sessionId, string model, RealtimeDialect dialect, string requestId, string? fault, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_entries.Count(entry => entry.End == RealtimeSessionEnd.Open) >= RealtimeLimits.MaxConcurrentSessions)
            {
                return null;
            }

            var entry = new Entry(this, sessionId, model, dialect == RealtimeDialect.Ga ? "ga" : "beta", requestId, fault, now);
            _entries.AddLast(entry);
            if (_entries.Count > Capacity && _entries.First!.Value.End != RealtimeSessionEnd.Open)
            {
                _entries.RemoveFirst();
            }

            return entry;
        }
    }

    /// <summary>A session's mutable record; every change takes the log's lock.</summary>
    internal sealed class Entry(RealtimeSessionLog log, string sessionId, string model, string dialect, string requestId, string? fault, DateTimeOffset openedAt)
    {
        private readonly List<string> _clientEvents = [];
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _serverEvents;
        private DateTimeOffset? _endedAt;
        private int? _closeStatus;
        private string? _closeDescription;

        public string SessionId => sessionId;

        public RealtimeSessionEnd End { get; private set; }

        /// <summary>Completes when the end is recorded.</summary>
        public Task Finished => _finished.Task;

        public void ClientEvent(string type)
        {
            lock (log._gate)
            {
                if (_clientEvents.Count < MaxEventTypesPerSession)
                {
                    _clientEvents.Add(type);
                }
            }
        }

        public void ServerEvent() => Interlocked.Increment(ref _serverEvents);

        /// <summary>Records the first close frame (from either side); later ones are the echo.</summary>
        public void CloseFrame(int? status, string? description)
        {
            lock (log._gate)
            {
                if (_closeStatus is null && _closeDescription is null)
                {
                    _closeStatus = status;
                    _closeDescription = description;
                }
            }
        }

        /// <summary>Records how the session ended; only the first call counts.</summary>
        public void Ended(RealtimeSessionEnd end, DateTimeOffset now)
        {
            lock (log._gate)
            {
                if (End == RealtimeSessionEnd.Open)
                {
                    End = end;
                    _endedAt = now;
                    _finished.TrySetResult();
                }
            }
        }

        public RealtimeSessionRecord ToRecord() => new()
        {
            SessionId = sessionId,
            Model = model,
            Dialect = dialect,
            RequestId = requestId,
            OpenedAt = openedAt,
            EndedAt = _endedAt,
            End = End,
            CloseStatus = _closeStatus,
            CloseDescription = _closeDescription,
            ClientEvents = _clientEvents.ToList(),
            ServerEventCount = Interlocked.Read(ref _serverEvents),
            Fault = fault,
        };
    }
}
