using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace TokenLab.Bench;

/// <summary>Prints the figures as plain-text tables, with ratios to the bare HttpClient and to the peer module's bar.</summary>
internal static class Report
{
    // Measured elsewhere against PSOpenAI 4.49, the leading peer module.
    private const double BarCallMs = 8.3;
    private const double BarHttpClientMs = 0.7;
    private const double BarImportMs = 442;

    private const string RowFormat = "  {0,-46} {1,10} {2,10} {3,9} {4,11} {5,9}";

    public static void Print(TextWriter output, IReadOnlyList<ScenarioResult> calls, ProcessImportTimes processImport, RunspaceImportTimes runspaceImport)
    {
        output.WriteLine("TokenLab performance: calls against an in-process emulator on loopback, and module import");
        foreach (string line in MachineInfo.Describe())
        {
            output.WriteLine(line);
        }

        output.WriteLine("Note      one run on one noisy shared machine: read the ratios, not the absolute times.");
        foreach (ScenarioResult scenario in calls)
        {
            PrintScenario(output, scenario);
        }

        PrintImport(output, processImport, runspaceImport);
        PrintBar(output, calls[0], processImport);
    }

    private static void PrintScenario(TextWriter output, ScenarioResult scenario)
    {
        CallSummary baseline = scenario.Ways[0];
        output.WriteLine();
        output.WriteLine(Format("{0} ({1} {2} a call; {3} calls a way, interleaved)", scenario.Title, scenario.Models, scenario.Models == 1 ? "model" : "models", baseline.Calls));
        output.WriteLine(Format(RowFormat, string.Empty, "median", "p90", "x Http", "alloc/call", "x Http"));
        output.WriteLine(Format(RowFormat, scenario.Floor.Name, Ms(scenario.Floor.MedianMs), Ms(scenario.Floor.P90Ms),
            Ratio(scenario.Floor.MedianMs, baseline.MedianMs), Kb(scenario.Floor.ClientBytesPerCall), string.Empty).TrimEnd());
        foreach (CallSummary way in scenario.Ways)
        {
            output.WriteLine(Format(RowFormat, way.Name, Ms(way.MedianMs), Ms(way.P90Ms),
                Ratio(way.MedianMs, baseline.MedianMs), Kb(way.ClientBytesPerCall), Ratio(way.ClientBytesPerCall, baseline.ClientBytesPerCall)));
        }

        output.WriteLine(Format("  alloc/call is the client's: the emulator's own {0} a call (measured during the floor) is taken off.", Kb(scenario.EmulatorBytesPerCall)));
    }

    private static void PrintImport(TextWriter output, ProcessImportTimes process, RunspaceImportTimes runspace)
    {
        const string Row = "  {0,-78} {1,8}";
        output.WriteLine();
        output.WriteLine(Format("Module import (medians; {0} fresh pwsh processes, {1} fresh runspaces in this process)", process.Runs, runspace.Runs));
        output.WriteLine(Format(Row, "fresh pwsh: start with -Command 1 (wall time, for reference)", Ms(process.StartMs, "0")));
        output.WriteLine(Format(Row, "fresh pwsh: Import-Module, wall time over that start", Ms(process.ImportWallMs, "0")));
        output.WriteLine(Format(Row, "fresh pwsh: Import-Module timed inside, first import of the session", Ms(process.ImportMs, "0")));
        output.WriteLine(Format(Row, "fresh pwsh: Import-Module timed inside, after Microsoft.PowerShell.Management", Ms(process.ImportAfterOtherMs, "0")));
        output.WriteLine(Format(Row, "fresh pwsh: the first Get-TokenLabModel -Id call after the import", Ms(process.FirstCallMs, "0")));
        output.WriteLine(Format(Row, "this process: Import-Module, first (with PowerShell's own first-import work)", Ms(runspace.FirstMs, "0")));
        output.WriteLine(Format(Row, "this process: Import-Module, later ones, each in a fresh runspace", Ms(runspace.LaterMs, "0")));
    }

    private static void PrintBar(TextWriter output, ScenarioResult detail, ProcessImportTimes import)
    {
        const string Row = "  {0,-34} {1,-30} {2}";
        CallSummary http = detail.Ways[0];
        CallSummary cmdlet = detail.Ways.Single(way => way.Name.StartsWith("Get-TokenLabModel", StringComparison.Ordinal));
        output.WriteLine();
        output.WriteLine("Against the bar (PSOpenAI 4.49, measured on another machine)");
        output.WriteLine(Format(Row, string.Empty, "PSOpenAI", "TokenLab"));
        output.WriteLine(Format(Row, "small call: cmdlet / HttpClient",
            Format("{0} / {1} = {2}", Ms(BarCallMs, "0.0"), Ms(BarHttpClientMs, "0.0"), Ratio(BarCallMs, BarHttpClientMs)),
            Format("{0} / {1} = {2}", Ms(cmdlet.MedianMs), Ms(http.MedianMs), Ratio(cmdlet.MedianMs, http.MedianMs))));
        output.WriteLine(Format(Row, "small call: cmdlet - HttpClient", Ms(BarCallMs - BarHttpClientMs, "0.0"), Ms(cmdlet.MedianMs - http.MedianMs)));
        output.WriteLine(Format(Row, "module import, first in a session", Ms(BarImportMs, "0"), Ms(import.ImportMs, "0")));
    }

    private static string Format(string format, params object[] values) => string.Format(CultureInfo.InvariantCulture, format, values);

    private static string Ms(double milliseconds, string pattern = "0.000") => milliseconds.ToString(pattern, CultureInfo.InvariantCulture) + " ms";

    private static string Kb(double bytes) => (bytes / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " KB";

    private static string Ratio(double value, double baseline) => (value / baseline).ToString("0.0", CultureInfo.InvariantCulture) + "x";
}
