using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TokenLab.Client.IO
{
    /// <summary>
    /// Counts the bytes read from a stream as HTTP content sends it: <c>onRead</c> gets the running total
    /// after every read, <c>onEnd</c> runs once when the end is reached (the upload is complete).
    /// </summary>
    internal sealed class ProgressReportingStream : Stream
    {
        private readonly Stream inner;
        private readonly Action<long> onRead;
        private readonly Action onEnd;
        private long total;
        private bool ended;

        public ProgressReportingStream(Stream inner, Action<long> onRead, Action onEnd)
        {
            this.inner = inner;
            this.onRead = onRead;
            this.onEnd = onEnd;
        }

        public override bool CanRead => true;

        // Seekable when the inner stream is, so HTTP content can send a Content-Length.
        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Count(int read)
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
