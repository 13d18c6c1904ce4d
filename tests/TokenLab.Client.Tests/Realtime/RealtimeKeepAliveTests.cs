using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using TokenLab.Client.Realtime;

namespace TokenLab.Client.Tests.Realtime;

/// <summary>
/// Keep-alive frames on a quiet session, seen from the server side of the socket. Kestrel answers control
/// frames itself and never shows them, so this server is a bare TCP listener that speaks just enough
/// RFC 6455: the upgrade, one text frame, and reading the client's (masked) frames.
/// </summary>
public sealed class RealtimeKeepAliveTests
{
    private const byte PingOpcode = 0x9;
    private const byte PongOpcode = 0xA;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AQuietSessionSendsKeepAliveFrames()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            using var limit = new CancellationTokenSource(Bound);
            Task<(byte Opcode, TcpClient Connection)> serverSees = ServeUntilControlFrameAsync(listener, limit.Token);
            var client = new TokenLabClient(new TokenLabClientOptions
            {
                BaseUri = new Uri("http://127.0.0.1:" + ((IPEndPoint)listener.LocalEndpoint).Port + "/"),
                ApiKey = "sk-keepalive-test",
            });

            using RealtimeSession session = await client.ConnectRealtimeAsync(
                "gpt-realtime", new RealtimeSessionOptions { KeepAliveInterval = TimeSpan.FromMilliseconds(100) }, limit.Token);
            await session.WaitUntilCreatedAsync(limit.Token);

            // Nothing is sent by the script from here on: any frame the server reads is the keep-alive.
            (byte opcode, TcpClient connection) = await serverSees;
            using TcpClient held = connection; // open until the session's state is read
            Assert.Contains(opcode, new[] { PingOpcode, PongOpcode });
            Assert.Equal(RealtimeSessionState.Open, session.State);
            Assert.Equal(0, session.EventsSent);
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>Accepts one upgrade, sends session.created, and returns the opcode of the first control frame the client sends, with the connection, still open.</summary>
    private static async Task<(byte Opcode, TcpClient Connection)> ServeUntilControlFrameAsync(TcpListener listener, CancellationToken token)
    {
        TcpClient connection = await listener.AcceptTcpClientAsync(token);
        NetworkStream stream = connection.GetStream();
        string request = await ReadRequestHeadAsync(stream, token);
        string key = request.Split("\r\n").Select(line => line.Split(':', 2)).Single(parts => parts[0].Equals("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase))[1].Trim();
        string accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n"), token);

        byte[] created = Encoding.UTF8.GetBytes("{\"type\":\"session.created\",\"event_id\":\"event_1\",\"session\":{\"id\":\"sess_keepalive\",\"type\":\"realtime\"}}");
        await stream.WriteAsync(new byte[] { 0x81, (byte)created.Length }.Concat(created).ToArray(), token);

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
                return (opcode, connection);
            }
        }
    }

    private static async Task<string> ReadRequestHeadAsync(NetworkStream stream, CancellationToken token)
    {
        var head = new List<byte>();
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            head.AddRange(await ReadExactlyAsync(stream, 1, token));
        }

        return Encoding.ASCII.GetString(head.ToArray());
    }

    private static async Task<byte[]> ReadExactlyAsync(NetworkStream stream, int count, CancellationToken token)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, token);
        return buffer;
    }
}
