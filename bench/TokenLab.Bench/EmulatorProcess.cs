using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using TokenLab.Emulator;

namespace TokenLab.Bench;

/// <summary>
/// An emulator in its own process, so that what this process measures (its heap, its time) is the
/// client's alone. It exits with this process (--parent-pid) or when disposed.
/// </summary>
internal sealed partial class EmulatorProcess : IDisposable
{
    private readonly Process _process;

    private EmulatorProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public static string ApiKey => EmulatorOptions.DefaultApiKey;

    public static EmulatorProcess Start(RepoLayout repo, params string[] arguments)
    {
        string configuration = typeof(EmulatorProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        string dll = Path.Combine(repo.Root, "src", "TokenLab.Emulator", "bin", configuration, "net10.0", "TokenLab.Emulator.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in (string[])[dll, "--urls", "http://127.0.0.1:0", "--realtime-pace", "fast", "--parent-pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the emulator: " + dll);
        Task<string?> firstLine = process.StandardOutput.ReadLineAsync();
        if (!firstLine.Wait(TimeSpan.FromSeconds(60)) || firstLine.Result is not string line || ListeningLine().Match(line) is not { Success: true } match)
        {
            process.Kill();
            throw new InvalidOperationException("The emulator did not start: " + process.StandardError.ReadToEnd());
        }

        // Keep draining its output so it never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return new EmulatorProcess(process, new Uri(match.Groups["uri"].Value.TrimEnd('/') + "/"));
    }

    /// <summary>The cmdlet parameters that point a call at this emulator.</summary>
    public (string Name, object Value)[] Connection(int timeoutSec) =>
        [("BaseUri", BaseUri.AbsoluteUri), ("ApiKey", ApiKey), ("TimeoutSec", timeoutSec)];

    /// <summary>Delays every response to requests matching <paramref name="match"/> by <paramref name="milliseconds"/> (a latency fault until cleared).</summary>
    public async Task AddLatencyAsync(string match, int milliseconds)
    {
        using var http = new HttpClient { BaseAddress = BaseUri };
        string fault = "{\"match\":\"" + match + "\",\"kind\":\"latency\",\"latencyMs\":" + milliseconds + ",\"count\":0}";
        using HttpResponseMessage response = await http.PostAsync("_emulator/faults", new StringContent(fault, Encoding.UTF8, "application/json")).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"listening on (?<uri>http://\S+)")]
    private static partial Regex ListeningLine();
}
