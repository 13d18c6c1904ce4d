using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client.IO;

namespace TokenLab.Client.Http
{
    /// <summary>
    /// Wraps a response body handed to a caller's reader: counts the bytes read, reports them as they
    /// arrive, and remembers a read failure, so that the caller's own write failures (a full disk) can
    /// be told apart from a broken body.
    /// </summary>
    internal sealed class BodyReadStream : ForwardReadStream
    {
        private readonly Stream inner;
        private readonly Action<long>? bytesRead;

        public BodyReadStream(Stream inner, Action<long>? bytesRead)
        {
            this.inner = inner;
            this.bytesRead = bytesRead;
        }

        public long BytesRead { get; private set; }

        /// <summary>True when <paramref name="exception"/> was thrown by a read of the body.</summary>
        public bool Threw(Exception exception) => ReferenceEquals(exception, ReadFailure);

        private Exception? ReadFailure { get; set; }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            int read;
            try
            {
                read = await inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                ReadFailure = ex;
                throw;
            }

            BytesRead += read;
            if (read > 0)
            {
                bytesRead?.Invoke(read);
            }

            return read;
        }
    }
}
