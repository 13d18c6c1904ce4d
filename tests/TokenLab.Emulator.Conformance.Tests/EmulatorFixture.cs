using System.ClientModel;
using OpenAI;

namespace TokenLab.Emulator.Conformance.Tests;

/// <summary>One emulator on a free loopback port per test class, and OpenAI SDK options pointed at it.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public EmulatorServer Server { get; private set; } = null!;

    public ApiKeyCredential Key { get; } = new(EmulatorOptions.DefaultApiKey);

    /// <summary>The SDK appends its paths (/models, /audio/speech, /realtime) to this.</summary>
    public Uri ApiEndpoint => new(Server.BaseUri, "v1");

    public OpenAIClientOptions ClientOptions() => new() { Endpoint = ApiEndpoint, NetworkTimeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync() =>
        Server = await EmulatorServer.StartAsync(new EmulatorOptions { RealtimePace = RealtimePace.Fast });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
