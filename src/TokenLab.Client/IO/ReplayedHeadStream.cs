using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TokenLab.Client.IO
{
    /// <summary>
    /// A stream whose first bytes were read already (to tell its format) and are given again before the rest:
    /// the way to look ahead in a pipe or standard input, which cannot seek back.
    /// </summary>
    internal sealed class ReplayedHeadStream : ForwardReadStream
    {
        private readonly Stream inner;
        private readonly byte[] head;
        private readonly int headLength;
        private readonly bool leaveOpen;
        private int headOffset;
        private long position;

        private ReplayedHeadStream(Stream inner, byte[] head, int headLength, bool leaveOpen)
        {
            this.inner = inner;
            this.head = head;
            this.headLength = headLength;
            this.leaveOpen = leaveOpen;
        }

        /// <summary>Reads up to <paramref name="count"/> bytes from the start of <paramref name="inner"/>, fewer only at its end;
        /// <paramref name="inner"/> is disposed with this stream unless <paramref name="leaveOpen"/>.</summary>
        public static async Task<ReplayedHeadStream> ReadHeadAsync(Stream inner, int count, bool leaveOpen, CancellationToken cancellationToken)
        {
            var head = new byte[count];
            int filled = 0;
            int read;
            while (filled < count && (read = await inner.ReadAsync(head, filled, count - filled, cancellationToken).ConfigureAwait(false)) > 0)
            {
                filled += read;
            }

            return new ReplayedHeadStream(inner, head, filled, leaveOpen);
        }

        /// <summary>The first bytes, for telling the format.</summary>
        public ArraySegment<byte> Head => new ArraySegment<byte>(head, 0, headLength);

        /// <summary>The bytes read so far (NLayer asks even of a stream that cannot seek); setting it is not supported.</summary>
        public override long Position
        {
            get => position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            Count(TakeHead(buffer, offset, count) is int taken && taken > 0 ? taken : inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(TakeHead(buffer, offset, count) is int taken && taken > 0 ? taken : await inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

        protected override void Dispose(bool disposing)
        {
            if (disposing && !leaveOpen)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Count(int read)
        {
            position += read;
            return read;
        }

        private int TakeHead(byte[] buffer, int offset, int count)
        {
            int taken = Math.Min(count, headLength - headOffset);
            if (taken > 0)
            {
                Buffer.BlockCopy(head, headOffset, buffer, offset, taken);
                headOffset += taken;
            }

            return taken;
        }
    }
}
