using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client.Json;

namespace TokenLab.Client.Realtime
{
    /// <summary>
    /// An open realtime WebSocket. A background loop reads events into a bounded buffer as they arrive
    /// (a slow reader slows the socket; nothing is dropped while the session is open, and the bound holds in
    /// every state); sends go out one at a time. The session keeps
    /// its ID, counts, summed usage and, once closed, how and why. It never reconnects: a closed session
    /// stays closed. Safe to use from several threads. A wait in <see cref="ReceiveAsync"/> or
    /// <see cref="WaitToReceiveAsync"/> may resume on the receive loop's thread, so code after it must not
    /// block synchronously on this session (await instead).
    /// </summary>
    public sealed class RealtimeSession : IDisposable
    {
        /// <summary>The description of the close frame <see cref="CloseAsync"/> sends.</summary>
        public const string ClientCloseDescription = "Client stopped";

        // RFC 6455 7.1.5 and 7.1.6: reported (never sent) for a close frame without a status, and for no close frame at all.
        private const int NoStatusReceived = 1005;
        private const int AbnormalClosure = 1006;

        private const int InitialReadBytes = 16 * 1024;
        private const int KeptReadBytes = 1024 * 1024;

        // How long CloseAsync waits for the server's close frame before it drops the connection.
        private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

        private readonly ClientWebSocket socket;
        private readonly HttpMessageInvoker? invoker;
        private readonly SecretRedactor redactor;
        private readonly EventBuffer events;
        private readonly int maxMessageBytes;
        private readonly SemaphoreSlim sendGate = new SemaphoreSlim(1, 1);
        private readonly CancellationTokenSource lifetime = new CancellationTokenSource();
        private readonly TaskCompletionSource<bool> created = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly object gate = new object();
        private readonly List<Waiter> waiters = new List<Waiter>();
        private int waiterCount;
        private readonly Task receiveLoop;
        private long eventsSent;
        private long eventsReceived;
        // Written under the lock, read without it: a reader polls these for every event it handles.
        private volatile RealtimeUsage usage = RealtimeUsage.None;
        private volatile RealtimeSessionState state = RealtimeSessionState.Open;
        private volatile RealtimeDialect dialect = RealtimeDialect.Ga;
        private volatile string? sessionId;
        private int? closeStatus;
        private string? closeDescription;
        private RealtimeCloseReason? closeReason;
        private DateTimeOffset? closedAt;

        internal RealtimeSession(RealtimeConnection connection, string model, Uri uri, RealtimeSessionOptions options)
        {
            socket = connection.Socket;
            invoker = connection.Invoker;
            RequestId = connection.RequestId;
            redactor = connection.Redactor;
            Model = model;
            Uri = uri;
            OpenedAt = DateTimeOffset.Now;
            events = new EventBuffer(options.MaxBufferedEvents, options.MaxBufferedBytes);
            maxMessageBytes = options.MaxMessageBytes;
            receiveLoop = Task.Run(ReceiveLoopAsync);
        }

        /// <summary>The model the session was opened with.</summary>
        public string Model { get; }

        /// <summary>The WebSocket address (it holds no credentials).</summary>
        public Uri Uri { get; }

        /// <summary>The request ID of the WebSocket upgrade, to quote to support; null where the platform does not expose it.</summary>
        public string? RequestId { get; }

        /// <summary>When the WebSocket opened.</summary>
        public DateTimeOffset OpenedAt { get; }

        /// <summary>When the session closed; null while it is open.</summary>
        public DateTimeOffset? ClosedAt => Read(() => closedAt);

        /// <summary>session.id from session.created; null until it arrives.</summary>
        public string? SessionId => sessionId;

        /// <summary>GA, or beta once the server showed beta names or a beta-shaped session.</summary>
        public RealtimeDialect Dialect => dialect;

        /// <summary>Open, Closing or Closed.</summary>
        public RealtimeSessionState State => state;

        /// <summary>Events sent so far (each audio chunk is one event).</summary>
        public long EventsSent => Interlocked.Read(ref eventsSent);

        /// <summary>Events received so far, read or not.</summary>
        public long EventsReceived => Interlocked.Read(ref eventsReceived);

        /// <summary>Events received and not yet read.</summary>
        public int BufferedEvents => events.Count;

        /// <summary>
        /// Events that arrived after <see cref="CloseAsync"/> was called, found the buffer full and were dropped
        /// (the bound holds while closing, too). Always 0 before a close.
        /// </summary>
        public long DroppedEvents => events.Dropped;

        /// <summary>The usage of every response.done so far, summed.</summary>
        public RealtimeUsage Usage => usage;

        /// <summary>The close status: the server's, 1000 when this client closed, 1006 when the connection was lost.</summary>
        public int? CloseStatus => Read(() => closeStatus);

        /// <summary>The close description, or what happened to a lost connection.</summary>
        public string? CloseDescription => Read(() => closeDescription);

        /// <summary>Who or what closed the session; null while it is open.</summary>
        public RealtimeCloseReason? CloseReason => Read(() => closeReason);

        /// <summary>Completes when the session has closed and its receive loop has ended.</summary>
        public Task Completion => receiveLoop;

        /// <summary>
        /// Sends one client event, as given. Returns its type.
        /// </summary>
        /// <exception cref="ArgumentException">The text is not a JSON object with a string <c>type</c>.</exception>
        /// <exception cref="TokenLabRealtimeClosedException">The session is closed.</exception>
        public async Task<string> SendAsync(string eventJson, CancellationToken cancellationToken)
        {
            string type = RealtimeEventTypes.TypeOf(eventJson);
            byte[] utf8 = Encoding.UTF8.GetBytes(eventJson);
            await SendMessageAsync(utf8, utf8.Length, cancellationToken).ConfigureAwait(false);
            return type;
        }

        /// <summary>
        /// Sends raw PCM in the session's input format (<see cref="RealtimeAudio"/>) as input_audio_buffer.append
        /// events of <see cref="RealtimeAudio.AppendChunkBytes"/> each, reading the stream as it goes, up to
        /// <paramref name="byteCount"/> bytes (null: to its end). Returns the number of events sent.
        /// Cancelling stops between events; the session stays open.
        /// </summary>
        public async Task<int> SendAudioAsync(Stream pcm, long? byteCount, CancellationToken cancellationToken)
        {
            if (pcm is null)
            {
                throw new ArgumentNullException(nameof(pcm));
            }

            var chunk = new byte[RealtimeAudio.AppendChunkBytes];
            long left = byteCount ?? long.MaxValue;
            using (var message = new MemoryStream())
            {
                int sent = 0;
                int filled;
                while (left > 0 && (filled = await FillAsync(pcm, chunk, (int)Math.Min(chunk.Length, left), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    left -= filled;
                    message.SetLength(0);
                    using (var writer = new Utf8JsonWriter(message))
                    {
                        RealtimeClientEvents.WriteAudioAppend(writer, new ReadOnlySpan<byte>(chunk, 0, filled));
                    }

                    await SendMessageAsync(message.GetBuffer(), (int)message.Length, cancellationToken).ConfigureAwait(false);
                    sent++;
                }

                return sent;
            }
        }

        /// <summary>True once an event can be read; false when the session has closed and every event was read.</summary>
        public Task<bool> WaitToReceiveAsync(CancellationToken cancellationToken) => events.WaitToReadAsync(cancellationToken);

        /// <summary>Takes the next received event, if one is waiting.</summary>
        public bool TryReceive(out RealtimeEvent? realtimeEvent) => events.TryRead(out realtimeEvent);

        /// <summary>The next event, waiting for it; null once the session has closed and every event was read.
        /// Cancelling gives up the wait only: the session and its events stay.</summary>
        public ValueTask<RealtimeEvent?> ReceiveAsync(CancellationToken cancellationToken) =>
            events.TryRead(out RealtimeEvent? next) ? new ValueTask<RealtimeEvent?>(next) : new ValueTask<RealtimeEvent?>(WaitAndReceiveAsync(cancellationToken));

        /// <summary>Completes once session.created has arrived (the event stays to be received).</summary>
        /// <exception cref="TokenLabRealtimeClosedException">The session closed first.</exception>
        public Task WaitUntilCreatedAsync(CancellationToken cancellationToken) => CancellableWait.WaitAsync(created.Task, cancellationToken);

        /// <summary>
        /// The first event from now on that <paramref name="match"/> accepts; it also stays to be received.
        /// Register before sending what it answers.
        /// </summary>
        /// <exception cref="TokenLabRealtimeClosedException">The session closed first.</exception>
        public async Task<RealtimeEvent> WaitForEventAsync(Func<RealtimeEvent, bool> match, CancellationToken cancellationToken)
        {
            var waiter = new Waiter(match ?? throw new ArgumentNullException(nameof(match)));
            lock (gate)
            {
                if (state == RealtimeSessionState.Closed)
                {
                    throw ClosedException();
                }

                waiters.Add(waiter);
                waiterCount = waiters.Count;
            }

            try
            {
                await CancellableWait.WaitAsync(waiter.Completion.Task, cancellationToken).ConfigureAwait(false);
                return waiter.Completion.Task.Result;
            }
            finally
            {
                lock (gate)
                {
                    waiters.Remove(waiter);
                    waiterCount = waiters.Count;
                }
            }
        }

        /// <summary>
        /// Closes with 1000 ("Client stopped") and waits, briefly, for the server's close frame; without it in
        /// time the connection is dropped. Events not yet read stay readable; events that arrive meanwhile into
        /// a full buffer are dropped (<see cref="DroppedEvents"/>). Cancelling drops the connection at once and
        /// then throws: the session is closed either way. Does nothing when the session is already closed.
        /// </summary>
        public async Task CloseAsync(CancellationToken cancellationToken)
        {
            lock (gate)
            {
                if (state != RealtimeSessionState.Open)
                {
                    return;
                }

                state = RealtimeSessionState.Closing;
            }

            // Whatever still arrives must not hold up the close behind a reader that may never come.
            events.DropWhenFull();
            try
            {
                await SendCloseFrameAsync(cancellationToken).ConfigureAwait(false);
                Task finished = await Task.WhenAny(receiveLoop, Task.Delay(CloseHandshakeTimeout, cancellationToken)).ConfigureAwait(false);
                if (finished == receiveLoop)
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: no more waiting, and no connection left open behind a session stuck in Closing.
            }

            lifetime.Cancel();
            await receiveLoop.ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        /// <summary>Sends the close frame, unless a send held up by a peer that stopped reading keeps it from going out in time.</summary>
        private async Task SendCloseFrameAsync(CancellationToken cancellationToken)
        {
            // Without the close frame out in time, the connection is dropped by the caller.
            if (!await sendGate.WaitAsync(CloseHandshakeTimeout, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            try
            {
                using (var bounded = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token))
                {
                    bounded.CancelAfter(CloseHandshakeTimeout);
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, ClientCloseDescription, bounded.Token).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is WebSocketException || ex is IOException || ex is ObjectDisposedException || ex is OperationCanceledException)
            {
                // The connection is already gone, or stalled and now dropped; the receive loop records how.
            }
            finally
            {
                sendGate.Release();
            }
        }

        /// <summary>Drops the connection without a close handshake if it is still open, and releases the socket.</summary>
        public void Dispose()
        {
            lifetime.Cancel();
            socket.Abort();
            socket.Dispose();
            invoker?.Dispose();
        }

        /// <summary>"sess_… (gpt-realtime, Open)".</summary>
        public override string ToString() => (SessionId ?? "(no session ID yet)") + " (" + Model + ", " + State + ")";

        private async Task<RealtimeEvent?> WaitAndReceiveAsync(CancellationToken cancellationToken)
        {
            while (await events.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (events.TryRead(out RealtimeEvent? next))
                {
                    return next;
                }
            }

            return null;
        }

        private static async Task<int> FillAsync(Stream stream, byte[] buffer, int count, CancellationToken cancellationToken)
        {
            int filled = 0;
            int read;
            while (filled < count && (read = await stream.ReadAsync(buffer, filled, count - filled, cancellationToken).ConfigureAwait(false)) > 0)
            {
                filled += read;
            }

            return filled;
        }

        private async Task SendMessageAsync(byte[] utf8, int count, CancellationToken cancellationToken)
        {
            await sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            Task sending;
            try
            {
                if (State != RealtimeSessionState.Open)
                {
                    throw ClosedException();
                }

                sending = SendHoldingGateAsync(utf8, count);
            }
            catch
            {
                sendGate.Release();
                throw;
            }

            // Cancelling gives up the wait, not the send: cancelling a WebSocket send aborts the connection, and
            // Ctrl+C must leave the session open, also when a peer that stopped reading holds the send up.
            await CancellableWait.WaitAsync(sending, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Sends one message under the send gate, which it releases when the send has ended.</summary>
        private async Task SendHoldingGateAsync(byte[] utf8, int count)
        {
            try
            {
                await socket.SendAsync(new ArraySegment<byte>(utf8, 0, count), WebSocketMessageType.Text, true, lifetime.Token).ConfigureAwait(false);
                Interlocked.Increment(ref eventsSent);
            }
            catch (Exception ex) when (ex is WebSocketException || ex is IOException || ex is ObjectDisposedException || (ex is OperationCanceledException && lifetime.IsCancellationRequested))
            {
                throw new TokenLabRealtimeClosedException(RealtimeCloseReason.ConnectionLost, AbnormalClosure, ex.Message, RequestId);
            }
            finally
            {
                sendGate.Release();
            }
        }

        private async Task ReceiveLoopAsync()
        {
            var buffer = new byte[InitialReadBytes];
            try
            {
                while (true)
                {
                    int count = 0;
                    WebSocketReceiveResult result;
                    do
                    {
                        if (count == buffer.Length)
                        {
                            if (buffer.Length >= maxMessageBytes)
                            {
                                await CloseTooBigAsync().ConfigureAwait(false);
                                return;
                            }

                            Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxMessageBytes));
                        }

                        Task<WebSocketReceiveResult> receive = socket.ReceiveAsync(new ArraySegment<byte>(buffer, count, buffer.Length - count), lifetime.Token);
                        if (!receive.IsCompleted)
                        {
                            // Nothing more at hand: hand what was read to the readers before waiting for the network.
                            events.Flush();
                        }

                        result = await receive.ConfigureAwait(false);
                        if (result.MessageType == WebSocketMessageType.Close)
                        {
                            await OnCloseFrameAsync().ConfigureAwait(false);
                            return;
                        }

                        count += result.Count;
                    }
                    while (!result.EndOfMessage);

                    var message = new byte[count];
                    Buffer.BlockCopy(buffer, 0, message, 0, count);
                    if (buffer.Length > KeptReadBytes)
                    {
                        buffer = new byte[InitialReadBytes];
                    }

                    RealtimeEventFields fields = RealtimeEventParser.Parse(message, redactor);
                    var received = new RealtimeEvent(Interlocked.Increment(ref eventsReceived), DateTimeOffset.UtcNow, fields.RepairedMessage ?? message, fields);
                    Observe(received, fields);
                    if (!events.TryWrite(received))
                    {
                        await events.WriteAsync(received, lifetime.Token).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception ex) when (ex is WebSocketException || ex is IOException || ex is ObjectDisposedException || ex is OperationCanceledException)
            {
                if (State == RealtimeSessionState.Closing)
                {
                    // Our close frame went out; the server's answer did not come in time.
                    MarkClosed(RealtimeCloseReason.ClosedByClient, (int)WebSocketCloseStatus.NormalClosure, ClientCloseDescription);
                }
                else if (lifetime.IsCancellationRequested)
                {
                    MarkClosed(RealtimeCloseReason.ClosedByClient, AbnormalClosure, "The session was disposed without a close handshake.");
                }
                else
                {
                    MarkClosed(RealtimeCloseReason.ConnectionLost, AbnormalClosure, "The connection was lost without a close frame: " + ex.Message);
                }
            }
            finally
            {
                // Whatever ended the loop (an unexpected failure included), the session is closed from here on:
                // a reader waiting for more must see the end, not an open session that never delivers.
                MarkClosed(RealtimeCloseReason.ConnectionLost, AbnormalClosure, "The session stopped receiving after an unexpected failure.");
                events.Complete();
                Exception closed = ClosedException();
                created.TrySetException(closed);
                lock (gate)
                {
                    foreach (Waiter waiter in waiters)
                    {
                        waiter.Completion.TrySetException(closed);
                    }
                }
            }
        }

        /// <summary>The server's close frame: the answer to ours, or the server closing first (then answered with the same status).</summary>
        private async Task OnCloseFrameAsync()
        {
            if (State == RealtimeSessionState.Closing)
            {
                MarkClosed(RealtimeCloseReason.ClosedByClient, (int)WebSocketCloseStatus.NormalClosure, ClientCloseDescription);
                return;
            }

            int status = socket.CloseStatus is WebSocketCloseStatus given ? (int)given : NoStatusReceived;
            string? description = redactor.RedactOptional(socket.CloseStatusDescription);
            MarkClosed(RealtimeCloseReason.ClosedByServer, status, description);
            await AnswerCloseAsync(status == NoStatusReceived ? WebSocketCloseStatus.NormalClosure : (WebSocketCloseStatus)status, description).ConfigureAwait(false);
        }

        /// <summary>A server message beyond the bound: the session closes with 1009 instead of buffering it.</summary>
        private async Task CloseTooBigAsync()
        {
            string description = "A server message exceeded " + maxMessageBytes + " bytes.";
            MarkClosed(RealtimeCloseReason.ClosedByClient, (int)WebSocketCloseStatus.MessageTooBig, description);
            await AnswerCloseAsync(WebSocketCloseStatus.MessageTooBig, description).ConfigureAwait(false);
        }

        private async Task AnswerCloseAsync(WebSocketCloseStatus status, string? description)
        {
            try
            {
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token))
                {
                    timeout.CancelAfter(CloseHandshakeTimeout);
                    await sendGate.WaitAsync(timeout.Token).ConfigureAwait(false);
                    try
                    {
                        await socket.CloseOutputAsync(status, description, timeout.Token).ConfigureAwait(false);
                    }
                    finally
                    {
                        sendGate.Release();
                    }
                }
            }
            catch (Exception ex) when (ex is WebSocketException || ex is IOException || ex is ObjectDisposedException || ex is OperationCanceledException)
            {
                // The server is gone already; the session is closed either way.
            }
        }

        /// <summary>Keeps what the session knows from the events as they pass, and wakes waiters.</summary>
        private void Observe(RealtimeEvent received, RealtimeEventFields fields)
        {
            // Deltas, nearly all of the traffic, change nothing here unless someone waits for an event.
            // (The fields, not the event: reading its Audio would decode the audio here.)
            if ((fields.Delta != null || fields.AudioText != null || fields.Audio != null) && received.Type == received.GaType && Volatile.Read(ref waiterCount) == 0)
            {
                return;
            }

            lock (gate)
            {
                if (received.SessionId != null)
                {
                    sessionId = received.SessionId;
                }

                if (fields.SessionIsBeta == true || RealtimeEventTypes.IsBetaName(received.Type))
                {
                    dialect = RealtimeDialect.Beta;
                }

                if (received.GaType == RealtimeEventTypes.ResponseDone && received.Usage != null)
                {
                    usage = usage.Add(received.Usage);
                }

                foreach (Waiter waiter in waiters)
                {
                    if (waiter.Match(received))
                    {
                        waiter.Completion.TrySetResult(received);
                    }
                }
            }

            if (received.GaType == RealtimeEventTypes.SessionCreated)
            {
                created.TrySetResult(true);
            }
        }

        private void MarkClosed(RealtimeCloseReason reason, int status, string? description)
        {
            lock (gate)
            {
                if (state == RealtimeSessionState.Closed)
                {
                    return;
                }

                state = RealtimeSessionState.Closed;
                closeReason = reason;
                closeStatus = status;
                closeDescription = description;
                closedAt = DateTimeOffset.Now;
            }
        }

        private TokenLabRealtimeClosedException ClosedException() =>
            new TokenLabRealtimeClosedException(CloseReason ?? RealtimeCloseReason.ClosedByClient, CloseStatus, CloseDescription, RequestId);

        private T Read<T>(Func<T> read)
        {
            lock (gate)
            {
                return read();
            }
        }

        /// <summary>One WaitForEventAsync call.</summary>
        private sealed class Waiter
        {
            public Waiter(Func<RealtimeEvent, bool> match)
            {
                Match = match;
            }

            public Func<RealtimeEvent, bool> Match { get; }

            public TaskCompletionSource<RealtimeEvent> Completion { get; } =
                new TaskCompletionSource<RealtimeEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
