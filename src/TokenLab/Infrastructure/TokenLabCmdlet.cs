using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client;
using TokenLab.PowerShell.Errors;

namespace TokenLab.PowerShell.Infrastructure
{
    /// <summary>
    /// The shared base of every TokenLab cmdlet: async work runs on tasks while the pipeline thread
    /// drains their messages, Ctrl+C (StopProcessing) cancels, and failures become error records.
    /// </summary>
    public abstract class TokenLabCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly ForwardingTrace _trace = new ForwardingTrace();
        private IDisposable? _itemRunner;

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
        protected CancellationToken StopToken => _stopping.Token;

        /// <summary>
        /// Trace sink for clients built by this cmdlet: lines go to whichever RunAsync call is
        /// active, so -Verbose and -Debug show each request as it happens.
        /// </summary>
        internal ITokenLabTrace Trace => _trace;

        /// <inheritdoc />
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        /// <inheritdoc />
        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>
        /// Releases the cmdlet. PowerShell calls this also when a pipeline ends early (Select-Object
        /// -First, a terminating error downstream) without StopProcessing, so background work the
        /// cmdlet started must be cancelled here.
        /// </summary>
        protected virtual void Dispose(bool disposing)
        {
            if (disposing)
            {
                _itemRunner?.Dispose();
                _stopping.Dispose();
            }
        }

        /// <summary>
        /// Runs <paramref name="work"/> on the thread pool; its trace lines and posted actions run
        /// here on the pipeline thread, the only thread that may write to PowerShell's streams.
        /// </summary>
        internal T RunAsync<T>(Func<PipelineMessageQueue, CancellationToken, Task<T>> work)
        {
            using var queue = new PipelineMessageQueue(WriteVerbose, WriteDebug);
            using var abandon = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            PipelineMessageQueue? previous = _trace.Swap(queue);
            Task<T>? task = null;
            try
            {
                task = Task.Run(() => work(queue, abandon.Token));
                task.ContinueWith(_ => queue.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                queue.Drain();
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch when (task is { IsCompleted: false })
            {
                // A posted action failed here (say WriteError under -ErrorAction Stop): the command is ending,
                // so its work must stop too instead of going on unseen (a reply file committed after the error).
                abandon.Cancel();
                AbandonedWork.WaitForCleanup(task);
                throw;
            }
            finally
            {
                _trace.Swap(previous);
            }
        }

        /// <summary>
        /// Creates the runner that processes this invocation's input items concurrently (at most one
        /// per cmdlet). Results and errors are written here on the pipeline thread; the client's trace
        /// lines go through its queue for as long as the cmdlet lives.
        /// </summary>
        internal ParallelItemRunner<TResult> CreateItemRunner<TResult>(int throttleLimit, bool ordered, Action<TResult> writeResult, Action? onIdle)
        {
            var queue = new PipelineMessageQueue(WriteVerbose, WriteDebug);
            _trace.Swap(queue);
            var runner = new ParallelItemRunner<TResult>(
                queue, throttleLimit, ordered, writeResult, WriteTokenLabError, WriteVerbose, ErrorsStop, onIdle, _stopping.Token);
            _itemRunner = runner;
            return runner;
        }

        /// <summary>
        /// True when -Verbose, -Debug or the preference variables would show trace lines. Clients are
        /// given the trace only then: formatting every request's headers for nobody costs each call.
        /// </summary>
        internal bool WantsTrace => Shows("Verbose", "VerbosePreference") || Shows("Debug", "DebugPreference");

        /// <summary>
        /// True when a written error ends the command (-ErrorAction Stop, or $ErrorActionPreference = 'Stop'): PowerShell
        /// then stops the pipeline inside WriteError, so nothing can be written after it.
        /// </summary>
        internal bool ErrorsStop =>
            (MyInvocation.BoundParameters.TryGetValue("ErrorAction", out object? given) ? given : GetVariableValue("ErrorActionPreference")) is object value
            && LanguagePrimitives.TryConvertTo(value, out ActionPreference preference) && preference == ActionPreference.Stop;

        /// <summary>True when the user gave <paramref name="parameterName"/> (a default value is not "given").</summary>
        internal bool IsBound(string parameterName) => MyInvocation.BoundParameters.ContainsKey(parameterName);

        /// <summary>A non-terminating error for one failed item: the rest of the pipeline goes on.</summary>
        internal void WriteTokenLabError(Exception exception, object? target) =>
            WriteError(ErrorRecordFactory.FromException(exception, target));

        /// <summary>A terminating error for a problem no input item can get past (no key, bad settings).</summary>
        internal void ThrowTokenLabError(Exception exception, object? target) =>
            ThrowTerminatingError(ErrorRecordFactory.FromException(exception, target));

        /// <summary>
        /// Runs one unit of work for an input item, writing a non-terminating error for expected
        /// failures so one bad item does not stop the others. Returns false when the item failed.
        /// </summary>
        internal bool TryProcessItem(object? target, Action action)
        {
            try
            {
                action();
                return true;
            }
            catch (Exception ex) when (ex is TokenLabException || ex is TokenLabInputException)
            {
                WriteTokenLabError(ex, target);
                return false;
            }
        }

        private bool Shows(string switchName, string preferenceVariable)
        {
            if (MyInvocation.BoundParameters.TryGetValue(switchName, out object? given))
            {
                return given is SwitchParameter flag ? flag.IsPresent : LanguagePrimitives.IsTrue(given);
            }

            return LanguagePrimitives.TryConvertTo(GetVariableValue(preferenceVariable), out ActionPreference preference)
                && preference != ActionPreference.SilentlyContinue && preference != ActionPreference.Ignore;
        }

        private sealed class ForwardingTrace : ITokenLabTrace
        {
            private PipelineMessageQueue? _target;

            /// <summary>Routes lines to <paramref name="target"/>; returns the previous target to restore.</summary>
            public PipelineMessageQueue? Swap(PipelineMessageQueue? target) => Interlocked.Exchange(ref _target, target);

            public void Verbose(string message) => Volatile.Read(ref _target)?.Verbose(message);

            public void Debug(string message) => Volatile.Read(ref _target)?.Debug(message);
        }
    }
}
