using System.Globalization;

namespace TokenLab.Emulator.Faults;

/// <summary>A queued fault and how many more requests it applies to (null: until cleared).</summary>
public sealed record QueuedFault(string Id, FaultSpec Spec, int? Remaining);

/// <summary>
/// Faults waiting for matching requests. A request takes the first matching fault in the order they were
/// added, and each request uses up one count.
/// </summary>
public sealed class FaultQueue
{
    private readonly List<Entry> _entries = [];
    private readonly Lock _gate = new();
    private int _lastId;

    /// <summary>Queues faults after validating all of them; returns their IDs in order.</summary>
    /// <exception cref="ArgumentException">A spec is invalid; nothing is queued.</exception>
    public IReadOnlyList<string> Add(IEnumerable<FaultSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var list = specs.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(list[i], nameof(specs));
            var problems = list[i].Validate();
            if (problems.Count > 0)
            {
                var where = list.Count > 1 ? $"Fault {i}: " : string.Empty;
                throw new ArgumentException(where + string.Join(" ", problems), nameof(specs));
            }
        }

        lock (_gate)
        {
            return list.Select(spec =>
            {
                var id = "flt_" + (++_lastId).ToString(CultureInfo.InvariantCulture);
                _entries.Add(new Entry(id, spec, spec.Count == 0 ? null : spec.Count));
                return id;
            }).ToList();
        }
    }

    /// <summary>Queues one fault; returns its ID.</summary>
    public string Add(FaultSpec spec) => Add([spec])[0];

    /// <summary>Removes every queued fault; returns how many there were.</summary>
    public int Clear()
    {
        lock (_gate)
        {
            var count = _entries.Count;
            _entries.Clear();
            return count;
        }
    }

    /// <summary>The faults still queued, in matching order.</summary>
    public IReadOnlyList<QueuedFault> Snapshot()
    {
        lock (_gate)
        {
            return _entries.Select(e => new QueuedFault(e.Id, e.Spec, e.Remaining)).ToList();
        }
    }

    /// <summary>True when a queued fault matches on the request body, so the body must be read to choose.</summary>
    internal bool MatchesOnBody
    {
        get
        {
            lock (_gate)
            {
                return _entries.Any(e => e.Spec.BodyContains is not null);
            }
        }
    }

    internal QueuedFault? TryTake(string method, string path, string? body)
    {
        lock (_gate)
        {
            var index = _entries.FindIndex(e => e.Spec.Matches(method, path, body));
            if (index < 0)
            {
                return null;
            }

            var entry = _entries[index];
            if (entry.Remaining is int remaining)
            {
                entry.Remaining = remaining - 1;
                if (entry.Remaining == 0)
                {
                    _entries.RemoveAt(index);
                }
            }

            return new QueuedFault(entry.Id, entry.Spec, entry.Remaining);
        }
    }

    private sealed class Entry(string id, FaultSpec spec, int? remaining)
    {
        public string Id { get; } = id;

        public FaultSpec Spec { get; } = spec;

        public int? Remaining { get; set; } = remaining;
    }
}
