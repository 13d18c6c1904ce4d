using System;
using System.Collections.Concurrent;
using System.Threading;
using TokenLab.Client;

namespace TokenLab.PowerShell.Infrastructure
{
    /// <summary>
    /// Carries work from background tasks to the pipeline thread: PowerShell allows Write*, progress
    /// and ShouldProcess calls only there. The client's trace lines arrive here from any thread.
    /// </summary>
    internal sealed class PipelineMessageQueue : ITokenLabTrace, IDisposable
    {
        private readonly BlockingCollection<Action> _actions = new BlockingCollection<Action>();
        private readonly Action<string> _writeVerbose;
        private readonly Action<string> _writeDebug;

        public PipelineMessageQueue(Action<string> writeVerbose, Action<string> writeDebug)
        {
            _writeVerbose = writeVerbose;
            _writeDebug = writeDebug;
        }

        /// <summary>Queues a verbose line, tagged with the item whose work writes it (read here, on the writing flow).</summary>
        public void Verbose(string message)
        {
            string line = ItemTag.Prefix(ItemTag.Current, message);
            Post(() => _writeVerbose(line));
        }

        /// <summary>Queues a debug line, tagged like a verbose line.</summary>
        public void Debug(string message)
        {
            string line = ItemTag.Prefix(ItemTag.Current, message);
            Post(() => _writeDebug(line));
        }

        /// <summary>Queues an action for the pipeline thread; ignored once the work has finished.</summary>
        public void Post(Action action)
        {
            try
            {
                _actions.Add(action);
            }
            catch (InvalidOperationException)
            {
                // Completed, or disposed because the pipeline stopped draining (Ctrl+C):
                // a late trace line has nowhere to go.
            }
        }

        public void Complete() => _actions.CompleteAdding();

        /// <summary>
        /// Runs the next queued action on the calling (pipeline) thread, waiting at most
        /// <paramref name="wait"/> for one. False when none came in time.
        /// </summary>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
        public bool RunNext(TimeSpan wait, CancellationToken cancellationToken)
        {
            if (!_actions.TryTake(out Action? action, (int)wait.TotalMilliseconds, cancellationToken))
            {
                return false;
            }

            action();
            return true;
        }

        /// <summary>Runs queued actions on the calling (pipeline) thread until <see cref="Complete"/>.</summary>
        public void Drain()
        {
            foreach (Action action in _actions.GetConsumingEnumerable())
            {
                action();
            }
        }

        public void Dispose() => _actions.Dispose();
    }
}
