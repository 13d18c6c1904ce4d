using System;
using System.Threading.Tasks;

namespace TokenLab.PowerShell.Infrastructure
{
    /// <summary>Work a stopping command has cancelled: given a bounded time to clean up (close files, sockets) before the command ends.</summary>
    internal static class AbandonedWork
    {
        // Work that ignores cancellation must not hang the shell; it is abandoned after this.
        private static readonly TimeSpan CleanupWait = TimeSpan.FromSeconds(10);

        /// <summary>Waits, at most <see cref="CleanupWait"/>, for cancelled work; its outcome no longer matters.</summary>
        public static void WaitForCleanup(params Task[] work)
        {
            try
            {
                Task.WaitAll(work, CleanupWait);
            }
            catch (AggregateException)
            {
                // The work failed or was cancelled, as asked.
            }
        }
    }
}
