namespace TokenLab.Emulator.Tests;

/// <summary>One in-process emulator on a free loopback port per test class, reached over real sockets.</summary>
public class EmulatorFixture : IAsyncLifetime
{
    public EmulatorServer Server { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await EmulatorServer.StartAsync(CreateOptions());
        Client = CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>A client with its own connection pool, for tests that must not reuse a connection.</summary>
    public HttpClient CreateClient(TimeSpan? timeout = null) =>
        new() { BaseAddress = Server.BaseUri, Timeout = timeout ?? TimeSpan.FromSeconds(15) };

    /// <summary>Clears the queued faults, the request log and the ended realtime sessions so each test starts clean.</summary>
    public void Reset()
    {
        Server.Faults.Clear();
        Server.RequestLog.Clear();
        Server.RealtimeSessions.ClearEnded();
    }

    /// <summary>Realtime replies as fast as the socket takes them: only tests about pacing ask for the audio's pace.</summary>
    protected virtual EmulatorOptions CreateOptions() => new() { RealtimePace = RealtimePace.Fast };
}
