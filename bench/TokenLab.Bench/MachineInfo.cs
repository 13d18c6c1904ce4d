using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;

namespace TokenLab.Bench;

/// <summary>The lines that say where and when the figures were taken.</summary>
internal static class MachineInfo
{
    public static IEnumerable<string> Describe()
    {
        yield return "Date      " + DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        yield return string.Format(
            CultureInfo.InvariantCulture,
            "Machine   {0} cores, {1}, {2}",
            Environment.ProcessorCount,
            CpuModel(),
            RuntimeInformation.OSDescription);
        yield return string.Format(
            CultureInfo.InvariantCulture,
            "Runtime   {0} ({1}), {2} GC, PowerShell SDK {3}",
            RuntimeInformation.FrameworkDescription,
            RuntimeInformation.ProcessArchitecture,
            GCSettings.IsServerGC ? "server" : "workstation",
            PowerShellVersion());
        yield return "Build     " + (typeof(MachineInfo).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "unknown")
            + " (the bench, and the module it builds into out/TokenLab)";
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), to tell a quiet machine from a busy one; empty elsewhere.</summary>
    public static string LoadAverage()
    {
        const string LoadAvg = "/proc/loadavg";
        return File.Exists(LoadAvg) ? string.Join(' ', File.ReadAllText(LoadAvg).Split(' ').Take(3)) : string.Empty;
    }

    private static string CpuModel()
    {
        const string CpuInfo = "/proc/cpuinfo";
        string? line = File.Exists(CpuInfo)
            ? File.ReadLines(CpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            : null;
        return line is null ? "CPU model unknown" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static string PowerShellVersion()
    {
        string version = typeof(PSObject).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        int end = version.IndexOfAny([' ', '+']);
        return end < 0 ? version : version[..end];
    }
}
