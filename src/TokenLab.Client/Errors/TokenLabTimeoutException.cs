using System;
using TokenLab.Client.Diagnostics;

namespace TokenLab.Client
{
    /// <summary>The per-call timeout elapsed (all attempts and waits included).</summary>
    public sealed class TokenLabTimeoutException : TokenLabException
    {
        internal TokenLabTimeoutException(TimeSpan timeout, string? requestId, Exception? innerException)
            : this(timeout, "The TokenLab request", requestId, innerException)
        {
        }

        /// <summary>A timeout of something other than one request, such as "The TokenLab task ldtask_…".</summary>
        internal TokenLabTimeoutException(TimeSpan timeout, string what, string? requestId, Exception? innerException)
            : base(what + " did not complete within the timeout of " + DurationText.Format(timeout) + ".", requestId, innerException)
        {
            Timeout = timeout;
        }

        /// <summary>The timeout that elapsed.</summary>
        public TimeSpan Timeout { get; }
    }
}
