using System.Runtime.InteropServices;

namespace TokenLab.Emulator;

/// <summary>Command-line entry point; see <see cref="EmulatorCommandLine.Usage"/>.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        EmulatorCommandLine commandLine;
        try
        {
            commandLine = EmulatorCommandLine.Parse(args);
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 2;
        }

        if (commandLine.ShowHelp)
        {
            await Console.Out.WriteLineAsync(EmulatorCommandLine.Usage);
            return 0;
        }

        EmulatorServer server;
        try
        {
            server = await EmulatorServer.StartAsync(commandLine.Options);
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 2;
        }
        catch (IOException exception)
        {
            // Kestrel reports an address in use (or otherwise unbindable) as an IOException.
            await Console.Error.WriteLineAsync($"Cannot listen: {exception.Message}");
            return 1;
        }

        await using (server)
        {
            // Scripts read this one line to learn the port; nothing else goes to stdout.
            await Console.Out.WriteLineAsync($"TokenLab emulator listening on {server.BaseUri.GetLeftPart(UriPartial.Authority)}");
            await Console.Out.FlushAsync();
            if (server.Certificate is { } certificate)
            {
                await Console.Error.WriteLineAsync(EmulatorCertificate.TrustHint(certificate, EmulatorCertificate.WritePublicPem(certificate, server.BaseUri.Port)));
            }

            using var stop = new CancellationTokenSource();
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => StopOnSignal(context, stop));
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => StopOnSignal(context, stop));
            var watchParent = commandLine.ParentProcessId is int parentId ? StopWhenProcessExitsAsync(parentId, stop) : Task.CompletedTask;
            await server.WaitForShutdownAsync(stop.Token);
            await stop.CancelAsync();
            await watchParent;
        }

        return 0;
    }

    private static void StopOnSignal(PosixSignalContext context, CancellationTokenSource stop)
    {
        // Shut down cleanly (open requests end, sockets close) instead of letting the runtime exit at once.
        context.Cancel = true;
        stop.Cancel();
    }

    private static async Task StopWhenProcessExitsAsync(int processId, CancellationTokenSource stop)
    {
        try
        {
            await ParentProcessWatcher.WaitForExitAsync(processId, stop.Token);
            await stop.CancelAsync();
        }
        catch (OperationCanceledException)
        {
            // A signal stopped the server first.
        }
    }
}
