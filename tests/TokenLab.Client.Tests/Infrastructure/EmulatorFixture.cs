using TokenLab.Emulator;
using TokenLab.Emulator.Endpoints.Realtime;
using TokenLab.Emulator.Faults;

namespace TokenLab.Client.Tests.Infrastructure;

/// <summary>
/// One emulator per test class (xunit class fixture), on a free loopback port, so classes run in
/// parallel. Tests in a class run one at a time; each starts from <see cref="Reset"/>.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    /// <summary>A distinctive key the emulator accepts, so tests can search every output for it.</summary>
    public const string ApiKey = "sk-tlclient-Zq7Wx4Rv9Lm2Kp8Td5Ny";

    private EmulatorServer? server;

    public Uri BaseUri => Server.BaseUri;

    public EmulatorServer Server => server ?? throw new InvalidOperationException("The emulator has not started.");

    public async Task InitializeAsync()
    {
        var options = new EmulatorOptions { RealtimePace = RealtimePace.Fast };
        options.ApiKeys[ApiKey] = null;
        server = await EmulatorServer.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        if (server != null)
        {
            await server.DisposeAsync();
        }
    }

    public void Reset()
    {
        Server.Faults.Clear();

        // A realtime session the previous test disposed is recorded as ended a moment after its socket closes.
        // Wait for that (bounded; a session still open after it is the next test's failure to see), so each
        // test sees only its own sessions and requests.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            foreach (var open in Server.RealtimeSessions.Snapshot().Where(s => s.End == RealtimeSessionEnd.Open))
            {
                try
                {
                    Server.RealtimeSessions.WaitForEndAsync(open.SessionId, timeout.Token).GetAwaiter().GetResult();
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        Server.RequestLog.Clear();
        Server.RealtimeSessions.ClearEnded();
    }

    public void AddFault(FaultSpec fault) => Server.Faults.Add(fault);

    public IReadOnlyList<RecordedRequest> Requests => Server.RequestLog.Snapshot();

    /// <summary>A client for this emulator whose waits and trace lines are recorded, never slept.</summary>
    internal ClientUnderTest CreateClient(Action<TokenLabClientOptions>? configure = null)
    {
        var delays = new RecordingDelay();
        var trace = new RecordingTrace();
        var options = new TokenLabClientOptions
        {
            BaseUri = BaseUri,
            ApiKey = ApiKey,
            Timeout = TimeSpan.FromSeconds(10),
            Trace = trace,
            Delay = delays.DelayAsync,
            JitterSource = new Random(42),
        };
        configure?.Invoke(options);
        return new ClientUnderTest(new TokenLabClient(options), delays, trace);
    }
}

internal sealed record ClientUnderTest(TokenLabClient Client, RecordingDelay Delays, RecordingTrace Trace);
