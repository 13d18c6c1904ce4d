using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace TokenLab.Bench;

/// <summary>
/// Runs measurements on a thread of their own, as a PowerShell host runs its pipeline: a cmdlet blocks its
/// pipeline thread while it waits, and a blocked thread-pool thread would starve the pool that serves its
/// own requests.
/// </summary>
internal static class PipelineThread
{
    public static T Run<T>(Func<T> measure)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = measure();
            }
            catch (Exception ex)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
        });
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
