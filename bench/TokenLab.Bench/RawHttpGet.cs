using System;
using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TokenLab.Bench;

/// <summary>
/// The cheapest possible client: a prebuilt HTTP/1.1 GET written to one keep-alive socket and the
/// response read into a reused buffer, synchronously on the calling thread. Its time is the floor
/// (loopback plus the emulator's work); it allocates nothing once warm, so whatever the process
/// allocates meanwhile on other threads is the emulator's share of a call.
/// </summary>
internal sealed class RawHttpGet : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _request;
    private byte[] _buffer = new byte[64 * 1024];

    public RawHttpGet(Uri baseUri, string path)
    {
        _request = Encoding.ASCII.GetBytes($"GET /{path} HTTP/1.1\r\nHost: {baseUri.Authority}\r\n\r\n");
        _socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket.Connect(IPAddress.Parse(baseUri.Host), baseUri.Port);
    }

    /// <summary>Sends the request and reads the whole 200 response (Content-Length or chunked body).</summary>
    public void Send()
    {
        _socket.Send(_request);

        int length = 0;
        int headerEnd;
        while ((headerEnd = _buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8)) < 0)
        {
            length = ReceiveMore(length);
        }

        ReadOnlySpan<byte> head = _buffer.AsSpan(0, headerEnd);
        if (!head.StartsWith("HTTP/1.1 200 "u8))
        {
            throw new InvalidOperationException("The emulator answered: " + Encoding.ASCII.GetString(head[..head.IndexOf("\r\n"u8)]));
        }

        int bodyStart = headerEnd + 4;
        int end = head.IndexOf("\r\nTransfer-Encoding: chunked"u8) >= 0
            ? ReadChunkedBody(bodyStart, ref length)
            : bodyStart + ContentLength(head);
        while (length < end)
        {
            length = ReceiveMore(length);
        }

        if (length != end)
        {
            throw new InvalidOperationException("The emulator sent more than one response.");
        }
    }

    public void Dispose() => _socket.Dispose();

    private static int ContentLength(ReadOnlySpan<byte> head)
    {
        ReadOnlySpan<byte> name = "\r\nContent-Length: "u8;
        int at = head.IndexOf(name);
        if (at < 0 || !Utf8Parser.TryParse(head[(at + name.Length)..], out int contentLength, out _))
        {
            throw new InvalidOperationException("The response has neither Content-Length nor a chunked body.");
        }

        return contentLength;
    }

    /// <summary>Walks the chunks (size line, data, CRLF) up to the last, empty one; returns where the response ends.</summary>
    private int ReadChunkedBody(int position, ref int length)
    {
        while (true)
        {
            int lineLength;
            while ((lineLength = _buffer.AsSpan(position, length - position).IndexOf("\r\n"u8)) < 0)
            {
                length = ReceiveMore(length);
            }

            if (!Utf8Parser.TryParse(_buffer.AsSpan(position, lineLength), out int size, out _, 'X'))
            {
                throw new InvalidOperationException("A chunk size line is not hexadecimal.");
            }

            position += lineLength + 2 + size + 2;
            if (size == 0)
            {
                return position;
            }

            while (length < position)
            {
                length = ReceiveMore(length);
            }
        }
    }

    private int ReceiveMore(int length)
    {
        if (length == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        int received = _socket.Receive(_buffer, length, _buffer.Length - length, SocketFlags.None);
        return received > 0 ? length + received : throw new InvalidOperationException("The emulator closed the connection.");
    }
}
