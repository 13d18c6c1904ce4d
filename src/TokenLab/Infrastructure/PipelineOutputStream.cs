using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TokenLab.PowerShell.Infrastructure
{
    /// <summary>
    /// A write-only stream whose bytes become pipeline output (byte[] chunks, written on the pipeline
    /// thread through the message queue). At most a few chunks wait at a time, so a slow consumer slows
    /// the download instead of filling memory. The semaphore is never disposed: chunks still queued
    /// release it after the writer is gone, and SemaphoreSlim holds no native handle unless asked.
    /// </summary>
    internal sealed class PipelineOutputStream : Stream
    {
        private const int MaxPendingChunks = 4;

        private readonly PipelineMessageQueue _queue;
        private readonly Action<byte[]> _writeChunk;
        private readonly SemaphoreSlim _slots = new SemaphoreSlim(MaxPendingChunks);

        public PipelineOutputStream(PipelineMessageQueue queue, Action<byte[]> writeChunk)
        {
            _queue = queue;
            _writeChunk = writeChunk;
        }

        public long BytesWritten { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (count == 0)
            {
                return;
            }

            var chunk = new byte[count];
            Buffer.BlockCopy(buffer, offset, chunk, 0, count);
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            _queue.Post(() =>
            {
                try
                {
                    _writeChunk(chunk);
                }
                finally
                {
                    _slots.Release();
                }
            });
            BytesWritten += count;
        }

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
