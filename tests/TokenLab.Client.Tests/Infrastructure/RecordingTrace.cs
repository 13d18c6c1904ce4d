using System.Collections.Concurrent;
using TokenLab.Client;

namespace TokenLab.Client.Tests.Infrastructure;

/// <summary>Keeps every trace line so tests can assert on them.</summary>
internal sealed class RecordingTrace : ITokenLabTrace
{
    private readonly ConcurrentQueue<string> verbose = new();
    private readonly ConcurrentQueue<string> debug = new();

    public IReadOnlyList<string> VerboseLines => verbose.ToArray();

    public IReadOnlyList<string> DebugLines => debug.ToArray();

    public IEnumerable<string> AllLines => VerboseLines.Concat(DebugLines);

    public void Verbose(string message) => verbose.Enqueue(message);

    public void Debug(string message) => debug.Enqueue(message);
}
