using System.Diagnostics;
using System.Linq;

namespace TokenLab.Bench;

/// <summary>
/// Import-Module inside this process, each time in a freshly opened runspace: the first import
/// loads the module's assemblies and compiles their code; later ones find both done.
/// </summary>
internal static class RunspaceImportTimer
{
    public static RunspaceImportTimes Measure(string manifest, int runs)
    {
        double first = TimeImport(manifest);
        double[] later = [.. Enumerable.Range(0, runs).Select(_ => TimeImport(manifest))];
        return new RunspaceImportTimes(runs, first, Stats.Median(later));
    }

    private static double TimeImport(string manifest)
    {
        using ModuleRunspace runspace = ModuleRunspace.Open();
        long start = Stopwatch.GetTimestamp();
        runspace.ImportModule(manifest);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}

/// <summary>In-process import times: the first in the process, and the median of later ones.</summary>
internal sealed record RunspaceImportTimes(int Runs, double FirstMs, double LaterMs);
