using System;
using System.IO;

namespace TokenLab.Client.IO
{
    /// <summary>
    /// Counts the bytes read from a stream as HTTP content sends it: <c>onRead</c> gets the running total
    /// after every read, <c>onEnd</c> runs once when the end is reached (the upload is complete).
    /// </summary>
    internal sealed class ProgressReportingStream : ReadOnlyStreamView
    {
        private readonly Action<long> onRead;
        private readonly Action onEnd;
        private long total;
        private bool ended;

        public ProgressReportingStream(Stream inner, Action<long> onRead, Action onEnd)
            : base(inner, leaveOpen: false)
        {
            this.onRead = onRead;
            this.onEnd = onEnd;
        }

        protected override int OnRead(int read)
        {
            if (read > 0)
            {
                total += read;
                onRead(total);
            }
            else if (!ended)
            {
                ended = true;
                onEnd();
            }

            return read;
        }
    }
}
