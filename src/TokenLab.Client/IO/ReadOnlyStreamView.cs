using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TokenLab.Client.IO
{
    /// <summary>
    /// A read-only view of another stream, seekable when it is (so HTTP content can send a Content-Length).
    /// With leaveOpen it never closes the stream it reads: HTTP content disposes what it sends, and a
    /// caller's stream stays the caller's. Derived views see every read through <see cref="OnRead"/>.
    /// </summary>
    internal class ReadOnlyStreamView : Stream
    {
        private readonly Stream inner;
        private readonly bool leaveOpen;

        public ReadOnlyStreamView(Stream inner, bool leaveOpen)
        {
            this.inner = inner;
            this.leaveOpen = leaveOpen;
        }

        public override bool CanRead => true;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => OnRead(inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            OnRead(await inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        /// <summary>Sees the count of every read (0 at the end) and returns it.</summary>
        protected virtual int OnRead(int read) => read;

        protected override void Dispose(bool disposing)
        {
            if (disposing && !leaveOpen)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
