using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace TokenLab.Client.Realtime
{
    /// <summary>
    /// The events received but not yet read, bounded by count and by bytes. The receive loop (the one writer)
    /// waits while it is full, so a slow reader slows the socket instead of growing memory, and nothing is
    /// dropped until <see cref="DropWhenFull"/> (a closing session). Readers may be several; each event goes to one of them. A waiting reader is woken once the
    /// writer has nothing more at hand (<see cref="Flush"/>) or a batch has gathered, not at every event:
    /// under load one wake-up then carries many events.
    /// </summary>
    internal sealed class EventBuffer
    {
        // Enough to spread the cost of a wake-up, few enough that no reader waits long behind a busy socket.
        private const int WakeBatch = 64;

        private readonly object gate = new object();
        private readonly Queue<RealtimeEvent> items = new Queue<RealtimeEvent>();
        private readonly int maxCount;
        private readonly long maxBytes;
        private long bytes;
        private long dropped;
        private bool dropWhenFull;
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

        /// <summary>Events that found the buffer full after <see cref="DropWhenFull"/>, and were dropped.</summary>
        public long Dropped
        {
            get
            {
                lock (gate)
                {
                    return dropped;
                }
            }
        }

        /// <summary>Adds an event unless the buffer is full (then false, and nothing changed).</summary>
        public bool TryWrite(RealtimeEvent item)
        {
            TaskCompletionSource<bool>? waiting;
            lock (gate)
            {
                if (!HasRoomFor(item))
                {
                    return false;
                }

                items.Enqueue(item);
                bytes += item.Weight;
                waiting = items.Count >= WakeBatch ? Take(ref readable) : null;
            }

            waiting?.TrySetResult(true);
            return true;
        }

        /// <summary>
        /// Adds an event, waiting while the buffer is full (or dropping it, after <see cref="DropWhenFull"/>).
        /// An event larger than the byte bound still goes into an empty buffer.
        /// </summary>
        public async Task WriteAsync(RealtimeEvent item, CancellationToken cancellationToken)
        {
            while (true)
            {
                TaskCompletionSource<bool>? waiting = null;
                Task? full = null;
                lock (gate)
                {
                    if (HasRoomFor(item))
                    {
                        items.Enqueue(item);
                        bytes += item.Weight;
                        waiting = items.Count >= WakeBatch ? Take(ref readable) : null;
                    }
                    else if (dropWhenFull)
                    {
                        dropped++;
                        waiting = Take(ref readable);
                    }
                    else
                    {
                        full = (writable ??= NewSignal(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
                        waiting = Take(ref readable);
                    }
                }

                // Outside the lock: the reader it wakes may run right here, on this thread.
                waiting?.TrySetResult(true);
                if (full is null)
                {
                    return;
                }

                await CancellableWait.WaitAsync(full, cancellationToken).ConfigureAwait(false);
            }
        }

        public bool TryRead(out RealtimeEvent? item)
        {
            TaskCompletionSource<bool>? writer;
            lock (gate)
            {
                if (items.Count == 0)
                {
                    item = null;
                    return false;
                }

                item = items.Dequeue();
                bytes -= item.Weight;
                writer = Take(ref writable);
            }

            // The writer resumes on a thread of its own: the reader's thread must never run the receive loop.
            writer?.TrySetResult(true);
            return true;
        }

        /// <summary>True once an event can be read; false when the buffer is empty and no more will come.</summary>
        public async Task<bool> WaitToReadAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                TaskCompletionSource<bool> signal;
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

                    // A woken reader resumes on the writer's thread: under load, a hop to another thread per
                    // batch would cost more than the work (the writer signals outside its lock, and never
                    // waits on a reader synchronously). A signal completed by a cancelled reader is spent.
                    if (readable is null || readable.Task.IsCompleted)
                    {
                        readable = NewSignal(TaskCreationOptions.None);
                    }

                    signal = readable;
                }

                if (!cancellationToken.CanBeCanceled)
                {
                    await signal.Task.ConfigureAwait(false);
                    continue;
                }

                // Cancelling wakes every waiting reader (they look again and wait on a new signal); only this
                // one gives up. Cheaper per wait than a second task to race against, as a busy session waits often.
                using (cancellationToken.Register(WakeFromThreadPool, signal))
                {
                    await signal.Task.ConfigureAwait(false);
                }

                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        /// <summary>
        /// From now on writes never wait, and an event that finds the buffer full is dropped: a closing session
        /// must neither hang behind a reader that may never come nor grow past its bound.
        /// </summary>
        public void DropWhenFull()
        {
            TaskCompletionSource<bool>? writer;
            lock (gate)
            {
                dropWhenFull = true;
                writer = Take(ref writable);
            }

            writer?.TrySetResult(true);
        }

        /// <summary>Wakes a waiting reader for what has been written: the writer is about to wait for more.</summary>
        public void Flush()
        {
            TaskCompletionSource<bool>? waiting;
            lock (gate)
            {
                waiting = items.Count > 0 ? Take(ref readable) : null;
            }

            waiting?.TrySetResult(true);
        }

        /// <summary>No more events will be written; readers get what is left, then the end.</summary>
        public void Complete()
        {
            TaskCompletionSource<bool>? readers;
            lock (gate)
            {
                completed = true;
                readers = Take(ref readable);
            }

            readers?.TrySetResult(true);
        }

        // Not inline: the readers it wakes must not run inside the caller's Cancel().
        private static void WakeFromThreadPool(object? signal) =>
            ThreadPool.QueueUserWorkItem(s => ((TaskCompletionSource<bool>)s!).TrySetResult(true), signal);

        // Called with the lock held.
        private bool HasRoomFor(RealtimeEvent item) => items.Count == 0 || (items.Count < maxCount && bytes + item.Weight <= maxBytes);

        private static TaskCompletionSource<bool> NewSignal(TaskCreationOptions options) => new TaskCompletionSource<bool>(options);

        /// <summary>The signal to complete once the lock is released, and none in its place.</summary>
        private static TaskCompletionSource<bool>? Take(ref TaskCompletionSource<bool>? signal)
        {
            TaskCompletionSource<bool>? taken = signal;
            signal = null;
            return taken;
        }
    }
}
