using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using TokenLab.Client.Realtime;

namespace TokenLab.Client.Tests.Realtime;

/// <summary>
/// What only the server's side of the socket shows: keep-alive frames on a quiet session, a peer that
/// stops reading, one that floods and never answers the close, and text a well-behaved server never sends. Kestrel answers control frames itself and always reads, so the server here is a bare TCP
/// listener that speaks just enough RFC 6455: the upgrade, one text frame, and reading the client's frames.
/// </summary>
public sealed class RealtimeRawServerTests
{
    private const byte PingOpcode = 0x9;
    private const byte PongOpcode = 0xA;
    private const byte CloseOpcode = 0x8;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AQuietSessionSendsKeepAliveFrames()
    {
        using var server = new RawWebSocketServer();
        using var limit = new CancellationTokenSource(Bound);
        Task<TcpClient> accepted = server.AcceptSessionAsync(limit.Token);

        using RealtimeSession session = await server.Client.ConnectRealtimeAsync(
            "gpt-realtime", new RealtimeSessionOptions { KeepAliveInterval = TimeSpan.FromMilliseconds(100) }, limit.Token);
        await session.WaitUntilCreatedAsync(limit.Token);
        using TcpClient connection = await accepted;

        // Nothing is sent by the script from here on: any frame the server reads is the keep-alive.
        byte opcode = await ReadUntilControlFrameAsync(connection.GetStream(), limit.Token);
        Assert.Contains(opcode, new[] { PingOpcode, PongOpcode });
        Assert.Equal(RealtimeSessionState.Open, session.State);
        Assert.Equal(0, session.EventsSent);
    }

    [Fact]
    public async Task CancellingASendHeldUpByAPeerThatStoppedReadingLeavesTheSessionOpenAndCloseStillEnds()
    {
        using var server = new RawWebSocketServer();
        using var limit = new CancellationTokenSource(Bound);
        Task<TcpClient> accepted = server.AcceptSessionAsync(limit.Token);
        using RealtimeSession session = await server.Client.ConnectRealtimeAsync("gpt-realtime", null, limit.Token);
        await session.WaitUntilCreatedAsync(limit.Token);
        using TcpClient connection = await accepted; // and never read from again

        // Fill the socket buffers until a send is held up (one that has not ended after a while is taken as held).
        string large = "{\"type\":\"conversation.item.create\",\"note\":\"" + new string('x', 1024 * 1024) + "\"}";
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(limit.Token);
        Task held;
        do
        {
            held = session.SendAsync(large, cancel.Token);
        }
        while (await Task.WhenAny(held, Task.Delay(TimeSpan.FromSeconds(1), limit.Token)) == held);

        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held.WaitAsync(Bound)); // a TimeoutException if the wait ignored the cancel
        Assert.Equal(RealtimeSessionState.Open, session.State);

        // The close cannot send its frame behind the held send: it drops the connection instead of waiting for TCP.
        await session.CloseAsync(limit.Token);
        Assert.Equal(RealtimeSessionState.Closed, session.State);
        Assert.False(limit.IsCancellationRequested);
    }

    [Fact]
    public async Task APeerThatFloodsAndNeverAnswersTheCloseCannotGrowTheBufferPastItsBound()
    {
        const int bound = 8;
        using var server = new RawWebSocketServer();
        using var limit = new CancellationTokenSource(Bound);
        using RawSession opened = await server.OpenSessionAsync(new RealtimeSessionOptions { MaxBufferedEvents = bound }, limit.Token);
        (RealtimeSession session, NetworkStream stream) = (opened.Session, opened.Stream);

        // Nobody reads events: the buffer fills and the receive loop waits, as it should while the session is open.
        for (int i = 0; i < 2 * bound; i++)
        {
            await SendTextAsync(stream, TextDelta("before " + i), limit.Token);
        }

        while (session.BufferedEvents < bound)
        {
            await Task.Delay(10, limit.Token);
        }

        Task closing = session.CloseAsync(limit.Token);
        await ReadUntilOpcodeAsync(stream, CloseOpcode, limit.Token);
        for (int i = 0; i < 1000; i++)
        {
            await SendTextAsync(stream, TextDelta("after " + i), limit.Token); // and the close is never answered
        }

        await closing;

        Assert.Equal(RealtimeSessionState.Closed, session.State);
        Assert.True(session.EventsReceived > bound + 1, "Only " + session.EventsReceived + " events arrived: the flood did not test the bound.");
        Assert.InRange(session.BufferedEvents, 1, bound);
        Assert.Equal(session.EventsReceived - session.BufferedEvents, session.DroppedEvents);
    }

    [Fact]
    public async Task CancellingACloseThatThePeerNeverAnswersDropsTheConnection()
    {
        using var server = new RawWebSocketServer();
        using var limit = new CancellationTokenSource(Bound);
        using RawSession opened = await server.OpenSessionAsync(null, limit.Token);
        (RealtimeSession session, NetworkStream stream) = (opened.Session, opened.Stream);
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(limit.Token);

        Task closing = session.CloseAsync(ctrlC.Token);
        await ReadUntilOpcodeAsync(stream, CloseOpcode, limit.Token); // the close frame is out; no answer comes
        ctrlC.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => closing.WaitAsync(Bound));
        Assert.Equal(RealtimeSessionState.Closed, session.State);
        Assert.Equal(RealtimeCloseReason.ClosedByClient, session.CloseReason);

        // The TCP connection is gone, while the session object is still undisposed: the peer reads its end.
        var rest = new byte[1024];
        try
        {
            while (await stream.ReadAsync(rest, limit.Token) > 0)
            {
            }
        }
        catch (IOException)
        {
            // A reset ends it too.
        }

        Assert.False(limit.IsCancellationRequested, "The connection stayed open.");
    }

    [Fact]
    public async Task LoneSurrogateEscapesReadAsReplacementCharactersAndTheSessionStaysOpen()
    {
        using var server = new RawWebSocketServer();
        using var limit = new CancellationTokenSource(Bound);
        using RawSession opened = await server.OpenSessionAsync(null, limit.Token);
        (RealtimeSession session, NetworkStream stream) = (opened.Session, opened.Stream);

        // An emoji cut across two deltas, as a server that splits UTF-16 text produces it; then a whole event (not a delta) with half of one.
        await SendTextAsync(stream, "{\"type\":\"response.output_text.delta\",\"response_id\":\"resp_1\",\"delta\":\"Hi \\ud83d\"}", limit.Token);
        await SendTextAsync(stream, "{\"type\":\"response.output_text.delta\",\"response_id\":\"resp_1\",\"delta\":\"\\ude00!\"}", limit.Token);
        await SendTextAsync(stream, "{\"type\":\"response.output_audio_transcript.done\",\"response_id\":\"resp_1\",\"transcript\":\"Hi \\ud83d\"}", limit.Token);

        RealtimeEvent?[] events = new RealtimeEvent?[4];
        for (int i = 0; i < events.Length; i++)
        {
            events[i] = await session.ReceiveAsync(limit.Token);
        }

        Assert.Equal(RealtimeSessionState.Open, session.State);
        Assert.Equal("Hi \uFFFD", events[1]!.Delta);
        Assert.Equal("\uFFFD!", events[2]!.Delta);
        Assert.Equal("Hi \uFFFD", events[3]!.Transcript);
        Assert.Equal("resp_1", events[3]!.ResponseId);
        Assert.All(events, e => Assert.Null(e!.ParseError));
        Assert.Contains("\\ufffd", events[1]!.Json, StringComparison.Ordinal);
    }

    private static string TextDelta(string text) =>
        "{\"type\":\"response.output_text.delta\",\"response_id\":\"resp_1\",\"delta\":\"" + text + new string('.', 1000) + "\"}";

    /// <summary>One unmasked text frame, as a server sends it.</summary>
    private static async Task SendTextAsync(NetworkStream stream, string text, CancellationToken token)
    {
        byte[] payload = Encoding.UTF8.GetBytes(text);
        byte[] head = payload.Length < 126
            ? [0x81, (byte)payload.Length]
            : payload.Length <= ushort.MaxValue
                ? [0x81, 126, (byte)(payload.Length >> 8), (byte)payload.Length]
                : throw new ArgumentException("The test sends small frames only.", nameof(text));
        await stream.WriteAsync(head.Concat(payload).ToArray(), token);
    }

    private static async Task ReadUntilOpcodeAsync(NetworkStream stream, byte wanted, CancellationToken token)
    {
        while (await ReadFrameOpcodeAsync(stream, token) != wanted)
        {
        }
    }

    private static async Task<byte> ReadUntilControlFrameAsync(NetworkStream stream, CancellationToken token)
    {
        while (true)
        {
            byte opcode = await ReadFrameOpcodeAsync(stream, token);
            if (opcode == PingOpcode || opcode == PongOpcode)
            {
                return opcode;
            }
        }
    }

    /// <summary>Reads one client frame (masked) and returns its opcode.</summary>
    private static async Task<byte> ReadFrameOpcodeAsync(NetworkStream stream, CancellationToken token)
    {
        byte[] head = await ReadExactlyAsync(stream, 2, token);
        byte opcode = (byte)(head[0] & 0x0F);
        long length = head[1] & 0x7F;
        if (length == 126)
        {
            byte[] extended = await ReadExactlyAsync(stream, 2, token);
            length = (extended[0] << 8) | extended[1];
        }
        else if (length == 127)
        {
            byte[] extended = await ReadExactlyAsync(stream, 8, token);
            length = BitConverter.ToInt64(extended.Reverse().ToArray(), 0);
        }

        _ = await ReadExactlyAsync(stream, 4 + (int)length, token); // the mask and the payload
        return opcode;
    }

    private static async Task<byte[]> ReadExactlyAsync(NetworkStream stream, int count, CancellationToken token)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, token);
        return buffer;
    }

    /// <summary>A loopback listener that accepts one WebSocket upgrade and sends session.created.</summary>
    private sealed class RawWebSocketServer : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);

        public RawWebSocketServer()
        {
            listener.Start();
            Client = new TokenLabClient(new TokenLabClientOptions
            {
                BaseUri = new Uri("http://127.0.0.1:" + ((IPEndPoint)listener.LocalEndpoint).Port + "/"),
                ApiKey = "sk-raw-server-test",
            });
        }

        public TokenLabClient Client { get; }

        /// <summary>A session opened against this server, with session.created received, and the server's end of it.</summary>
        public async Task<RawSession> OpenSessionAsync(RealtimeSessionOptions? options, CancellationToken token)
        {
            Task<TcpClient> accepted = AcceptSessionAsync(token);
            RealtimeSession session = await Client.ConnectRealtimeAsync("gpt-realtime", options, token);
            await session.WaitUntilCreatedAsync(token);
            return new RawSession(session, await accepted);
        }

        /// <summary>The accepted connection, upgraded, with session.created sent; the caller owns it.</summary>
        public async Task<TcpClient> AcceptSessionAsync(CancellationToken token)
        {
            TcpClient connection = await listener.AcceptTcpClientAsync(token);
            NetworkStream stream = connection.GetStream();
            string request = await ReadRequestHeadAsync(stream, token);
            string key = request.Split("\r\n").Select(line => line.Split(':', 2)).Single(parts => parts[0].Equals("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase))[1].Trim();
            string accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n"), token);

            byte[] created = Encoding.UTF8.GetBytes("{\"type\":\"session.created\",\"event_id\":\"event_1\",\"session\":{\"id\":\"sess_raw\",\"type\":\"realtime\"}}");
            await stream.WriteAsync(new byte[] { 0x81, (byte)created.Length }.Concat(created).ToArray(), token);
            return connection;
        }

        public void Dispose() => listener.Stop();

        private static async Task<string> ReadRequestHeadAsync(NetworkStream stream, CancellationToken token)
        {
            var head = new List<byte>();
            while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
            {
                head.AddRange(await ReadExactlyAsync(stream, 1, token));
            }

            return Encoding.ASCII.GetString(head.ToArray());
        }
    }

    /// <summary>The client's session and the server's end of its connection.</summary>
    private sealed class RawSession(RealtimeSession session, TcpClient connection) : IDisposable
    {
        public RealtimeSession Session => session;

        public NetworkStream Stream => connection.GetStream();

        public void Dispose()
        {
            session.Dispose();
            connection.Dispose();
        }
    }
}
