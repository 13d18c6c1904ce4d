using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using TokenLab.Client.Realtime;

namespace TokenLab.Client.Tests.Realtime;

/// <summary>
/// What only the server's side of the socket shows: keep-alive frames on a quiet session, and a peer that
/// stops reading. Kestrel answers control frames itself and always reads, so the server here is a bare TCP
/// listener that speaks just enough RFC 6455: the upgrade, one text frame, and reading the client's frames.
/// </summary>
public sealed class RealtimeRawServerTests
{
    private const byte PingOpcode = 0x9;
    private const byte PongOpcode = 0xA;
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

    private static async Task<byte> ReadUntilControlFrameAsync(NetworkStream stream, CancellationToken token)
    {
        while (true)
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
            if (opcode == PingOpcode || opcode == PongOpcode)
            {
                return opcode;
            }
        }
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
}
