using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace TokenLab.Bench;

/// <summary>
/// Import cost as a user meets it, in fresh <c>dotnet pwsh</c> processes: wall time of a process that
/// imports the module against one that does nothing, and Stopwatch times taken inside pwsh for the
/// import (first in the session, and after another module warmed PowerShell's import path) and for
/// the first call after it. The three kinds of process run in rotating order, so drifting load
/// falls on all of them alike; wall costs are medians of the differences within a run.
/// </summary>
internal static class ProcessImportTimer
{
    public static ProcessImportTimes Measure(RepoLayout repo, Uri emulator, int runs)
    {
        string import = $"Import-Module '{repo.ModuleManifest.Replace("'", "''", StringComparison.Ordinal)}' -ErrorAction Stop";
        string[] commands =
        [
            "1",
            $"$s = [Diagnostics.Stopwatch]::StartNew(); {import}; \"$($s.Elapsed.TotalMilliseconds)\"",
            "Import-Module Microsoft.PowerShell.Management; " +
            $"$s = [Diagnostics.Stopwatch]::StartNew(); {import}; $import = $s.Elapsed.TotalMilliseconds; $s.Restart(); " +
            $"$null = Get-TokenLabModel -Id tts-1 -BaseUri '{emulator}' -ErrorAction Stop; \"$import $($s.Elapsed.TotalMilliseconds)\"",
        ];
        foreach (string command in commands)
        {
            _ = RunPwsh(repo.Root, command); // warms the disk cache and the tool manifest lookup
        }

        var wall = new double[commands.Length][];
        var printed = new double[commands.Length][][];
        for (int command = 0; command < commands.Length; command++)
        {
            wall[command] = new double[runs];
            printed[command] = new double[runs][];
        }

        for (int run = 0; run < runs; run++)
        {
            for (int i = 0; i < commands.Length; i++)
            {
                int command = (run + i) % commands.Length;
                (wall[command][run], printed[command][run]) = RunPwsh(repo.Root, commands[command]);
            }
        }

        return new ProcessImportTimes(
            runs,
            StartMs: Stats.Median(wall[0]),
            ImportWallMs: Stats.Median(wall[1].Zip(wall[0], (import, start) => import - start)),
            ImportMs: Stats.Median(printed[1].Select(times => times[0])),
            ImportAfterOtherMs: Stats.Median(printed[2].Select(times => times[0])),
            FirstCallMs: Stats.Median(printed[2].Select(times => times[1])));
    }

    /// <summary>Runs one pwsh; returns its wall time (start to exit) and the milliseconds it printed.</summary>
    private static (double WallMs, double[] Printed) RunPwsh(string workingDirectory, string command)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory, // where the tool manifest that pins pwsh is found
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["pwsh", "-NoProfile", "-NonInteractive", "-Command", command])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        start.Environment["POWERSHELL_UPDATECHECK"] = "Off";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        long started = Stopwatch.GetTimestamp();
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        double wallMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pwsh -Command \"{command}\" exited with {process.ExitCode}: {errors.Result}{output.Result}");
        }

        // PowerShell expands numbers in strings with the invariant culture.
        double[] printed = [.. output.Result.Split((char[])[' ', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Select(value => double.Parse(value, CultureInfo.InvariantCulture))];
        return (wallMs, printed);
    }
}

/// <summary>
/// Medians over fresh pwsh processes: the bare start; what importing adds to the wall time; the import
/// timed inside pwsh, first in the session and after another module; the first call after the import.
/// </summary>
internal sealed record ProcessImportTimes(int Runs, double StartMs, double ImportWallMs, double ImportMs, double ImportAfterOtherMs, double FirstCallMs);
