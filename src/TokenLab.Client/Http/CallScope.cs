using System;
using System.Diagnostics;
using System.Threading;

namespace TokenLab.Client.Http
{
    /// <summary>
    /// The lifetime of one call: the caller's token linked with the per-call timeout, and the clock
    /// for the whole call. It lives until the response body has been read, so the timeout covers it.
    /// </summary>
    internal sealed class CallScope : IDisposable
    {
        private readonly CancellationTokenSource linked;
        private readonly CancellationToken callerToken;
        private readonly Stopwatch stopwatch = Stopwatch.StartNew();

        public CallScope(TimeSpan timeout, CancellationToken callerToken)
        {
            Timeout = timeout;
            this.callerToken = callerToken;
            linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
            if (timeout != System.Threading.Timeout.InfiniteTimeSpan)
            {
                linked.CancelAfter(timeout);
            }
        }

        public TimeSpan Timeout { get; }

        /// <summary>Cancelled by the caller or by the timeout; pass it to every wait and read.</summary>
        public CancellationToken Token => linked.Token;

        public bool IsCancelled => linked.IsCancellationRequested;

        public TimeSpan Elapsed => stopwatch.Elapsed;

        /// <summary>Time left before the timeout; null when there is none.</summary>
        public TimeSpan? Remaining => Timeout == System.Threading.Timeout.InfiniteTimeSpan ? (TimeSpan?)null : Timeout - Elapsed;

        /// <summary>
        /// What to throw for <paramref name="cause"/>, raised while <see cref="Token"/> was cancelled:
        /// the caller's own cancellation stays an OperationCanceledException, anything else is the timeout.
        /// </summary>
        public Exception CancellationFailure(Exception cause, string? requestId) =>
            callerToken.IsCancellationRequested
                ? new OperationCanceledException("The TokenLab request was cancelled.", cause, callerToken)
                : new TokenLabTimeoutException(Timeout, requestId, cause);

        public void Dispose() => linked.Dispose();
    }
}
