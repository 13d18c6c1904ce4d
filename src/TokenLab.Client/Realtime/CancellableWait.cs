using System.Threading;
using System.Threading.Tasks;

namespace TokenLab.Client.Realtime
{
    /// <summary>Waiting for a task that cancelling must not disturb: the wait is given up, the task goes on.</summary>
    internal static class CancellableWait
    {
        /// <summary>Awaits <paramref name="task"/> (its exception included) unless <paramref name="cancellationToken"/> is cancelled first.</summary>
        public static async Task WaitAsync(Task task, CancellationToken cancellationToken)
        {
            if (cancellationToken.CanBeCanceled && !task.IsCompleted)
            {
                var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
                {
                    if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                    {
                        // Nobody awaits the task now: its failure, if it comes, is seen here and goes no further.
                        _ = task.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                }
            }

            await task.ConfigureAwait(false);
        }
    }
}
