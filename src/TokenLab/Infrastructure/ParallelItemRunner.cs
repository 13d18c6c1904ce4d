using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace TokenLab.PowerShell.Infrastructure
{
    /// <summary>
    /// Processes a cmdlet's input items concurrently, up to a throttle limit, while every PowerShell call
    /// (WriteObject, WriteError, progress, ShouldProcess) stays on the pipeline thread: work runs on
    /// tasks and reports through a <see cref="PipelineMessageQueue"/> that the pipeline thread pumps
    /// whenever it waits. Results are written as items finish, or in input order when ordered.
    /// StopProcessing (and disposal) cancels the work and waits for it to clean up. When errors stop the command
    /// (-ErrorAction Stop), the first error is written only after the items already sent have finished and their
    /// results are written: what was paid for and saved is never left where the script cannot see it.
    /// Use: create it with TokenLabCmdlet.CreateItemRunner in BeginProcessing; in ProcessRecord decide each
    /// item on the pipeline thread (validation, ShouldProcess) and then Run its work, or Add/AddError an
    /// outcome decided without work; call WaitForAll in EndProcessing. Work reports through the queue only.
    /// </summary>
    /// <typeparam name="TResult">What one item produces.</typeparam>
    internal sealed class ParallelItemRunner<TResult> : IDisposable
    {
        // How often the pipeline thread wakes to report progress while it waits.
        private static readonly TimeSpan IdleInterval = TimeSpan.FromMilliseconds(200);

        private readonly PipelineMessageQueue _queue;
        private readonly int _throttleLimit;
        private readonly bool _ordered;
        private readonly Action<TResult> _writeResult;
        private readonly Action<Exception, object?> _writeError;
        private readonly Action<string> _writeVerbose;
        private readonly bool _errorsStop;
        private readonly Action? _onIdle;
        private readonly CancellationTokenSource _cancel;
        private readonly Dictionary<long, Action> _finishedOutOfOrder = new Dictionary<long, Action>();
        private readonly HashSet<Task> _running = new HashSet<Task>();
        private long _nextIndex;
        private long _nextToWrite;
        private bool _stopPending;
        private bool _stopping;

        public ParallelItemRunner(
            PipelineMessageQueue queue,
            int throttleLimit,
            bool ordered,
            Action<TResult> writeResult,
            Action<Exception, object?> writeError,
            Action<string> writeVerbose,
            bool errorsStop,
            Action? onIdle,
            CancellationToken stopToken)
        {
            _queue = queue;
            _throttleLimit = Math.Max(1, throttleLimit);
            _ordered = ordered;
            _writeResult = writeResult;
            _writeError = writeError;
            _writeVerbose = writeVerbose;
            _errorsStop = errorsStop;
            _onIdle = onIdle;
            _cancel = CancellationTokenSource.CreateLinkedTokenSource(stopToken);
        }

        /// <summary>Where work posts actions for the pipeline thread (verbose lines, streamed output).</summary>
        public PipelineMessageQueue Messages => _queue;

        /// <summary>Items started and not yet finished.</summary>
        public int Running => _running.Count;

        /// <summary>
        /// Starts <paramref name="work"/> for an item once fewer than the throttle limit are running,
        /// writing the results of finished items meanwhile. Call on the pipeline thread.
        /// </summary>
        /// <param name="target">The input item, the TargetObject of its error record.</param>
        /// <param name="tag">Put in front of the verbose and debug lines its work writes (see <see cref="ItemTag"/>); null for none.</param>
        /// <param name="work">The item's work; it gets the message queue and the cancellation token.</param>
        public void Run(object? target, string? tag, Func<PipelineMessageQueue, CancellationToken, Task<TResult>> work)
        {
            // An error that will stop the command starts nothing new, even while held back for its turn (-Ordered).
            PumpWhile(() => _running.Count >= _throttleLimit || (_stopPending && _running.Count > 0));
            long index = _nextIndex++;
            CancellationToken token = _cancel.Token;
            Task<TResult> task = Task.Run(
                () =>
                {
                    ItemTag.Current = tag;
                    return work(_queue, token);
                },
                token);
            _running.Add(task);
            task.ContinueWith(
                done => _queue.Post(() => Finish(index, done, target)),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        /// <summary>An item decided without work (skipped): written now, or in its turn when ordered.</summary>
        public void Add(TResult result) => Complete(_nextIndex++, () => _writeResult(result));

        /// <summary>An item that failed before any work (validation): written now, or in its turn when ordered.</summary>
        public void AddError(Exception error, object? target)
        {
            _stopPending |= _errorsStop;
            Complete(_nextIndex++, () => WriteError(error, target));
        }

        /// <summary>Waits for every item, writing results as they come. Call on the pipeline thread (EndProcessing).</summary>
        public void WaitForAll() => PumpWhile(() => _running.Count > 0);

        /// <summary>Cancels unfinished work and waits (boundedly) for it to clean up.</summary>
        public void Dispose()
        {
            _cancel.Cancel();
            WaitForCleanup();
            _cancel.Dispose();
            _queue.Dispose();
        }

        private void PumpWhile(Func<bool> waiting)
        {
            while (waiting())
            {
                try
                {
                    _queue.RunNext(IdleInterval, _cancel.Token);
                }
                catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
                {
                    // Ctrl+C: nothing may be written any more; let the work clean up, then stop.
                    WaitForCleanup();
                    throw new PipelineStoppedException();
                }

                _onIdle?.Invoke();
            }
        }

        private void Finish(long index, Task<TResult> done, object? target)
        {
            _running.Remove(done);
            if (done.IsCanceled && _cancel.IsCancellationRequested)
            {
                Complete(index, () => { });
            }
            else if (done.IsFaulted || done.IsCanceled)
            {
                Exception error = done.Exception?.GetBaseException() ?? new OperationCanceledException();
                _stopPending |= _errorsStop;
                Complete(index, () => WriteError(error, target));
            }
            else
            {
                Complete(index, () => _writeResult(done.Result));
            }
        }

        /// <summary>Writes an outcome, holding it back until all earlier ones are written when ordered.</summary>
        private void Complete(long index, Action write)
        {
            if (!_ordered)
            {
                write();
                return;
            }

            _finishedOutOfOrder[index] = write;
            WriteHeldInTurn();
        }

        /// <summary>Writes the held outcomes whose turn has come (-Ordered).</summary>
        private void WriteHeldInTurn()
        {
            while (_finishedOutOfOrder.TryGetValue(_nextToWrite, out Action? next))
            {
                _finishedOutOfOrder.Remove(_nextToWrite);
                _nextToWrite++;
                next();
            }
        }

        /// <summary>
        /// Writes an item's error. When errors stop the command, nothing can be written after this one and nothing new
        /// starts; but the items already sent are paid for, so they finish first and what they saved is written before it.
        /// </summary>
        private void WriteError(Exception error, object? target)
        {
            if (_errorsStop)
            {
                if (_stopping)
                {
                    _writeVerbose("Also failed while the command ends on an earlier error: " + error.Message);
                    return;
                }

                _stopping = true;
                PumpWhile(() => _running.Count > 0);

                // With -Ordered, later items that finished before this error's turn are still held back.
                WriteHeldInTurn();
            }

            _writeError(error, target);
        }

        private void WaitForCleanup() => AbandonedWork.WaitForCleanup(_running.ToArray());
    }
}
