using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TokenLab.Client.IO
{
    /// <summary>
    /// A read-only view of a few header bytes followed by a range of a file: one part of a split audio file,
    /// sent without being copied. The file is opened on first read; the stream is seekable so HTTP content
    /// knows its length.
    /// </summary>
    internal sealed class FileRangeStream : Stream
    {
        private const int FileBufferBytes = 81920;

        private readonly byte[] prefix;
        private readonly string path;
        private readonly long rangeStart;
        private readonly long rangeLength;
        private FileStream? file;
        private long position;

        public FileRangeStream(byte[] prefix, string path, long rangeStart, long rangeLength)
        {
            this.prefix = prefix;
            this.path = path;
            this.rangeStart = rangeStart;
            this.rangeLength = rangeLength;
        }

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => prefix.Length + rangeLength;

        public override long Position
        {
            get => position;
            set => position = value >= 0 && value <= Length ? value : throw new ArgumentOutOfRangeException(nameof(value));
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (position < prefix.Length)
            {
                int fromPrefix = (int)Math.Min(count, prefix.Length - position);
                Buffer.BlockCopy(prefix, (int)position, buffer, offset, fromPrefix);
                position += fromPrefix;
                return fromPrefix;
            }

            long left = Length - position;
            if (left <= 0 || count == 0)
            {
                return 0;
            }

            FileStream source = file ??= new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferBytes, FileOptions.Asynchronous | FileOptions.SequentialScan);
            long filePosition = rangeStart + (position - prefix.Length);
            if (source.Position != filePosition)
            {
                source.Position = filePosition;
            }

            int read = await source.ReadAsync(buffer, offset, (int)Math.Min(count, left), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new EndOfStreamException("'" + path + "' became shorter while it was being sent.");
            }

            position += read;
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            Position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => position + offset,
                _ => Length + offset,
            };
            return position;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                file?.Dispose();
                file = null;
            }

            base.Dispose(disposing);
        }
    }
}
