using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace TokenLab.Client.Realtime
{
    /// <summary>
    /// The events received but not yet read, bounded by count and by bytes. The receive loop (the one writer)
    /// waits while it is full, so a slow reader slows the socket instead of growing memory, and nothing is
    /// dropped. Readers may be several; each event goes to one of them.
    /// </summary>
    internal sealed class EventBuffer
    {
        private readonly object gate = new object();
        private readonly Queue<RealtimeEvent> items = new Queue<RealtimeEvent>();
        private int maxCount;
        private long maxBytes;
        private long bytes;
        private bool completed;
        private TaskCompletionSource<bool>? readable;
        private TaskCompletionSource<bool>? writable;

        public EventBuffer(int maxCount, long maxBytes)
        {
            this.maxCount = maxCount;
            this.maxBytes = maxBytes;
        }

        public int Count
        {
            get
            {
                lock (gate)
                {
                    return items.Count;
                }
            }
        }

        /// <summary>Adds an event, waiting while the buffer is full. An event larger than the byte bound still goes into an empty buffer.</summary>
        public async Task WriteAsync(RealtimeEvent item, CancellationToken cancellationToken)
        {
            while (true)
            {
                Task wait;
                lock (gate)
                {
                    if (items.Count == 0 || (items.Count < maxCount && bytes + item.Weight <= maxBytes))
                    {
                        items.Enqueue(item);
                        bytes += item.Weight;
                        Signal(ref readable);
                        return;
                    }

                    wait = (writable ??= NewSignal()).Task;
                }

                await CancellableWait.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        public bool TryRead(out RealtimeEvent? item)
        {
            lock (gate)
            {
                if (items.Count == 0)
                {
                    item = null;
                    return false;
                }

                item = items.Dequeue();
                bytes -= item.Weight;
                Signal(ref writable);
                return true;
            }
        }

        /// <summary>True once an event can be read; false when the buffer is empty and no more will come.</summary>
        public async Task<bool> WaitToReadAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                Task wait;
                lock (gate)
                {
                    if (items.Count > 0)
                    {
                        return true;
                    }

                    if (completed)
                    {
                        return false;
                    }

                    wait = (readable ??= NewSignal()).Task;
                }

                await CancellableWait.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>From now on writes never wait: a closing session must not hang behind a reader that may never come.</summary>
        public void StopBounding()
        {
            lock (gate)
            {
                maxCount = int.MaxValue;
                maxBytes = long.MaxValue;
                Signal(ref writable);
            }
        }

        /// <summary>No more events will be written; readers get what is left, then the end.</summary>
        public void Complete()
        {
            lock (gate)
            {
                completed = true;
                Signal(ref readable);
            }
        }

        private static TaskCompletionSource<bool> NewSignal() => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        private static void Signal(ref TaskCompletionSource<bool>? signal)
        {
            signal?.TrySetResult(true);
            signal = null;
        }
    }
}
