using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Net.Http.Headers;
using TokenLab.Emulator.Auth;

namespace TokenLab.Emulator.Proxy;

/// <summary>
/// Lets the emulator stand in as the proxy of a client under test for WebSockets too. Plain HTTP through a
/// proxy already works (Kestrel serves absolute-form requests), but a client tunnels a WebSocket with
/// <c>CONNECT host:port</c>. A CONNECT to this emulator's own port opens a tunnel back into it and is recorded
/// in the request log; a CONNECT anywhere else is refused with 403, so the emulator is never an open proxy.
/// </summary>
internal static class ConnectTunnel
{
    private static readonly byte[] ConnectPrefix = "CONNECT "u8.ToArray();
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();
    private const int MaxHeadBytes = 8 * 1024;

    /// <summary>Adds the tunnel in front of HTTP on <paramref name="listen"/>.</summary>
    public static void Use(ListenOptions listen) =>
        listen.Use(next => connection => HandleAsync(connection, next, listen.ApplicationServices));

    private static async Task HandleAsync(ConnectionContext connection, ConnectionDelegate next, IServiceProvider services)
    {
        var input = connection.Transport.Input;
        var head = await ReadConnectHeadAsync(input, connection.ConnectionClosed);
        if (head is null)
        {
            await next(connection);
            return;
        }

        var log = services.GetRequiredService<RequestLog>();
        var time = services.GetRequiredService<TimeProvider>();
        var lines = head.Split("\r\n");
        var target = lines[0].Split(' ') is [_, var authority, ..] ? authority : string.Empty;
        var entry = log.Begin(sequence => new RecordedRequest
        {
            Sequence = sequence,
            Timestamp = time.GetUtcNow(),
            Method = "CONNECT",
            Path = target,
            Query = string.Empty,
            RequestId = RequestIds.New(time),
            Headers = RecordedHeaders(lines),
            ApiKeyStatus = ApiKeyStatus.None,
        });

        var local = connection.LocalEndPoint as IPEndPoint;
        if (local is null || !IsSelf(target, local))
        {
            log.Complete(entry.Sequence, time.GetUtcNow(), null, StatusCodes.Status403Forbidden, null);
            const string body = """{"error":{"message":"The emulator tunnels only to its own address.","type":"permission_error","code":"tunnel_target_refused"}}""";
            await connection.Transport.Output.WriteAsync(Encoding.ASCII.GetBytes(
                $"HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"));
            return;
        }

        using var upstream = new Socket(local.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await upstream.ConnectAsync(local, connection.ConnectionClosed);
        log.Complete(entry.Sequence, time.GetUtcNow(), null, StatusCodes.Status200OK, null);
        await connection.Transport.Output.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), connection.ConnectionClosed);
        await using var upstreamStream = new NetworkStream(upstream, ownsSocket: false);
        try
        {
            await Task.WhenAny(
                input.CopyToAsync(upstreamStream, connection.ConnectionClosed),
                upstreamStream.CopyToAsync(connection.Transport.Output.AsStream(), connection.ConnectionClosed));
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ConnectionAbortedException)
        {
            // Either side went away; the tunnel ends with it.
        }
    }

    /// <summary>
    /// The request head when the connection starts with a CONNECT request, consumed from the input; null for
    /// any other request, which is left unread for HTTP.
    /// </summary>
    private static async Task<string?> ReadConnectHeadAsync(PipeReader input, CancellationToken closed)
    {
        while (true)
        {
            var result = await input.ReadAsync(closed);
            var buffer = result.Buffer;
            var prefixLength = (int)Math.Min(buffer.Length, ConnectPrefix.Length);
            if (!buffer.Slice(0, prefixLength).ToArray().AsSpan().SequenceEqual(ConnectPrefix.AsSpan(0, prefixLength)) || (buffer.IsEmpty && result.IsCompleted))
            {
                input.AdvanceTo(buffer.Start, buffer.Start);
                return null;
            }

            var reader = new SequenceReader<byte>(buffer);
            if (reader.TryReadTo(out ReadOnlySequence<byte> head, HeadEnd))
            {
                // Decoded before AdvanceTo, which releases the buffer.
                var text = Encoding.ASCII.GetString(head.ToArray());
                input.AdvanceTo(reader.Position);
                return text;
            }

            if (result.IsCompleted || buffer.Length > MaxHeadBytes)
            {
                input.AdvanceTo(buffer.End);
                return string.Empty;
            }

            // Not all of it yet: wait for more.
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool IsSelf(string target, IPEndPoint local)
    {
        var separator = target.LastIndexOf(':');
        if (separator <= 0 || !int.TryParse(target.AsSpan(separator + 1), out var port) || port != local.Port)
        {
            return false;
        }

        var host = target[..separator].Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    private static Dictionary<string, string> RecordedHeaders(IEnumerable<string> lines)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
            {
                headers[name] = CredentialMask.MaskAuthorization(value);
            }
            else if (name.Equals(HeaderNames.UserAgent, StringComparison.OrdinalIgnoreCase) || name.Equals(HeaderNames.Host, StringComparison.OrdinalIgnoreCase))
            {
                headers[name] = value;
            }
        }

        return headers;
    }
}
