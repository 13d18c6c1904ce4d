using System.ComponentModel;
using System.Diagnostics;

namespace TokenLab.Emulator;

/// <summary>Waits for another process to end, so an emulator started by a test run never outlives it.</summary>
internal static class ParentProcessWatcher
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static async Task WaitForExitAsync(int processId, CancellationToken cancellationToken)
    {
        // The start time tells the original process from a later one that reuses its ID.
        var startTime = TryGetStartTime(processId);
        using var timer = new PeriodicTimer(PollInterval);
        while (IsRunning(processId, startTime))
        {
            await timer.WaitForNextTickAsync(cancellationToken);
        }
    }

    private static bool IsRunning(int processId, DateTime? expectedStart)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited && (expectedStart is null || TryGetStartTime(process) == expectedStart);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static DateTime? TryGetStartTime(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return TryGetStartTime(process);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static DateTime? TryGetStartTime(Process process)
    {
        try
        {
            return process.StartTime;
        }
        catch (Exception exception) when (exception is Win32Exception or InvalidOperationException or NotSupportedException)
        {
            return null;
        }
    }
}
