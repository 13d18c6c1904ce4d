using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace TokenLab.Emulator.Tests;

/// <summary>The emulator as scripts use it: the built DLL, launched as its own process.</summary>
public sealed partial class EmulatorProcessTests
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task PrintsOneListeningLineThenServesUntilKilled()
    {
        using var emulator = Launch("--urls", "http://127.0.0.1:0", "--parent-pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            var line = await ReadLineAsync(emulator);
            var match = ListeningLine().Match(line ?? string.Empty);
            Assert.True(match.Success, $"unexpected first line: {line}");

            using var client = new HttpClient { BaseAddress = new Uri(match.Groups["url"].Value), Timeout = TimeSpan.FromSeconds(15) };
            using var model = await client.GetAsync("/v1/models/tts-1");
            using var health = await client.GetAsync("/_emulator/health");
            Assert.Equal(HttpStatusCode.OK, model.StatusCode);
            Assert.Equal("ok", (await health.ReadJsonAsync()).GetProperty("status").GetString());
        }
        finally
        {
            emulator.Kill(entireProcessTree: true);
            await emulator.WaitForExitAsync();
        }

        // Serving requests wrote nothing more to stdout: scripts can rely on the single line.
        Assert.Equal(string.Empty, await emulator.StandardOutput.ReadToEndAsync());
    }

    [Fact]
    public async Task ExitsOnItsOwnWhenTheParentProcessIsGone()
    {
        int goneProcessId;
        using (var shortLived = Process.Start(new ProcessStartInfo(DotnetHost(), "--version") { RedirectStandardOutput = true })!)
        {
            await shortLived.WaitForExitAsync();
            goneProcessId = shortLived.Id;
        }

        using var emulator = Launch("--urls", "http://127.0.0.1:0", "--parent-pid", goneProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var limit = new CancellationTokenSource(StartupLimit);
        try
        {
            await emulator.WaitForExitAsync(limit.Token);
        }
        finally
        {
            if (!emulator.HasExited)
            {
                emulator.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(0, emulator.ExitCode);
    }

    [Fact]
    public async Task RefusesARemoteAddressWithoutAllowRemote()
    {
        using var emulator = Launch("--urls", "http://0.0.0.0:0");
        using var limit = new CancellationTokenSource(StartupLimit);
        var error = await emulator.StandardError.ReadToEndAsync(limit.Token);
        await emulator.WaitForExitAsync(limit.Token);

        Assert.Equal(2, emulator.ExitCode);
        Assert.Contains("--allow-remote", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await emulator.StandardOutput.ReadToEndAsync(limit.Token));
    }

    private static Process Launch(params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TokenLab.Emulator.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private static async Task<string?> ReadLineAsync(Process process)
    {
        using var limit = new CancellationTokenSource(StartupLimit);
        return await process.StandardOutput.ReadLineAsync(limit.Token);
    }

    // The test host runs under the dotnet muxer; use the same one to run the emulator DLL.
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    [GeneratedRegex(@"^TokenLab emulator listening on (?<url>http://127\.0\.0\.1:\d+)$")]
    private static partial Regex ListeningLine();
}
