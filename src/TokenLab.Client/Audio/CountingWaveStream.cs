using System;
using System.Threading;
using System.Threading.Tasks;
using NAudio.Wave;
using TokenLab.Client.IO;

namespace TokenLab.Client.Audio
{
    /// <summary>
    /// A wave provider's bytes as a read-only, forward-only stream. Reads are synchronous: the work is decoding
    /// and resampling, a block at a time, and the decoders read their sources synchronously.
    /// </summary>
    internal sealed class CountingWaveStream : ForwardReadStream
    {
        private readonly IWaveProvider provider;

        public CountingWaveStream(IWaveProvider provider)
        {
            this.provider = provider;
        }

        /// <summary>The bytes read so far.</summary>
        public long BytesRead { get; private set; }

        /// <inheritdoc />
        public override int Read(byte[] buffer, int offset, int count)
        {
            int read = provider.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        /// <inheritdoc />
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(Read(buffer, offset, count));
        }
    }
}
