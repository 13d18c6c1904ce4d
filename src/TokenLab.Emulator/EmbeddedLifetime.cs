namespace TokenLab.Emulator;

/// <summary>
/// Replaces the default console lifetime, which would claim the host process's Ctrl+C and SIGTERM: an emulator
/// started inside a test run must not stop that process from being interrupted. <see cref="Program"/> handles
/// signals itself when the emulator runs on its own.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
