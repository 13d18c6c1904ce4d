using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TokenLab.Client.Tests.Infrastructure;

/// <summary>One request as the raw server read it: the request line and the headers (names lower-cased).</summary>
internal sealed record RawHttpRequest(string RequestLine, IReadOnlyDictionary<string, string> Headers)
{
    public string Method => RequestLine.Split(' ')[0];

    /// <summary>The request target: a path, or an absolute URI when the server is asked as a proxy.</summary>
    public string Target => RequestLine.Split(' ')[1];
}

/// <summary>
/// A loopback HTTP/1.1 server that answers every request with whatever bytes the test writes: for answers
/// that Kestrel and the emulator would never give (a gzip bomb, an endless body). One request per connection;
/// the answer should say <c>Connection: close</c>. A client that stops reading ends the write (IOException),
/// which the server counts and swallows.
/// </summary>
internal sealed class RawHttpServer : IDisposable
{
    public const string RequestId = "req_raw_http";

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Func<RawHttpRequest, Stream, CancellationToken, Task> answer;
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;
    private long bytesWritten;
    private bool disposed;

    /// <summary>A server that answers each request with the raw text <paramref name="answer"/> gives (see <see cref="Answer"/>).</summary>
    public RawHttpServer(Func<RawHttpRequest, string> answer)
        : this((request, stream, token) => stream.WriteAsync(Encoding.UTF8.GetBytes(answer(request)), token).AsTask())
    {
    }

    public RawHttpServer(Func<RawHttpRequest, Stream, CancellationToken, Task> answer)
    {
        this.answer = answer;
        listener.Start();
        BaseUri = new Uri("http://127.0.0.1:" + ((IPEndPoint)listener.LocalEndpoint).Port + "/");
        serving = ServeAsync();
    }

    public Uri BaseUri { get; }

    public int Port => BaseUri.Port;

    public ConcurrentQueue<RawHttpRequest> Requests { get; } = new();

    /// <summary>Body and head bytes the answers wrote before the client stopped reading.</summary>
    public long BytesWritten => Interlocked.Read(ref bytesWritten);

    public TokenLabClient CreateClient() => new(new TokenLabClientOptions { BaseUri = BaseUri, ApiKey = "sk-raw-http-test", MaxRetries = 0 });

    /// <summary>The status line and headers, with Connection: close and the request ID.</summary>
    public static Task WriteHeadAsync(Stream stream, string status, string headers, CancellationToken token) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(
            "HTTP/1.1 " + status + "\r\nConnection: close\r\nX-Request-ID: " + RequestId + "\r\n" + headers + "\r\n"), token).AsTask();

    /// <summary>A whole raw answer: the status line, Content-Type, Content-Length, Connection: close, the extra headers, the body.</summary>
    public static string Answer(string status, string contentType, string body, params string[] headers) =>
        "HTTP/1.1 " + status + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + Encoding.UTF8.GetByteCount(body)
        + "\r\nConnection: close\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + "\r\n" + body;

    public static string Json(string status, string json, params string[] headers) => Answer(status, "application/json", json, headers);

    /// <summary>Writes <paramref name="chunk"/> as HTTP chunks, <paramref name="times"/> times (an endless body, bounded), then the last chunk.</summary>
    public static async Task WriteChunksAsync(Stream stream, byte[] chunk, int times, CancellationToken token)
    {
        byte[] size = Encoding.ASCII.GetBytes(chunk.Length.ToString("x") + "\r\n");
        byte[] end = "\r\n"u8.ToArray();
        for (int i = 0; i < times; i++)
        {
            await stream.WriteAsync(size, token);
            await stream.WriteAsync(chunk, token);
            await stream.WriteAsync(end, token);
        }

        await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), token);
    }

    /// <summary>Stops, once every answer has ended (so <see cref="BytesWritten"/> is final); may be called twice.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        stop.Cancel();
        listener.Stop();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener.
        }

        stop.Dispose();
    }

    private async Task ServeAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                TcpClient connection = await listener.AcceptTcpClientAsync(stop.Token);
                connections.Add(HandleAsync(connection));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException || ex is SocketException || ex is ObjectDisposedException)
        {
            // Stopped.
        }

        await Task.WhenAll(connections);
    }

    private async Task HandleAsync(TcpClient connection)
    {
        using (connection)
        {
            try
            {
                var stream = new CountingStream(connection.GetStream(), this);
                RawHttpRequest request = await ReadRequestAsync(stream, stop.Token);
                Requests.Enqueue(request);
                await answer(request, stream, stop.Token);
                await stream.FlushAsync(stop.Token);
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is OperationCanceledException || ex is ObjectDisposedException)
            {
                // The client stopped reading (or the test ended).
            }
        }
    }

    private static async Task<RawHttpRequest> ReadRequestAsync(Stream stream, CancellationToken token)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            await stream.ReadExactlyAsync(one, token);
            head.Add(one[0]);
        }

        string[] lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = lines.Skip(1).Select(line => line.Split(':', 2)).ToDictionary(parts => parts[0].Trim().ToLowerInvariant(), parts => parts[1].Trim());
        if (headers.TryGetValue("content-length", out string? length))
        {
            await stream.ReadExactlyAsync(new byte[long.Parse(length)], token);
        }
        else if (headers.TryGetValue("transfer-encoding", out string? encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            await SkipChunkedBodyAsync(stream, token);
        }

        return new RawHttpRequest(lines[0], headers);
    }

    private static async Task SkipChunkedBodyAsync(Stream stream, CancellationToken token)
    {
        while (true)
        {
            string sizeLine = await ReadLineAsync(stream, token);
            int size = Convert.ToInt32(sizeLine.Split(';')[0].Trim(), 16);
            if (size == 0)
            {
                while ((await ReadLineAsync(stream, token)).Length > 0)
                {
                }

                return;
            }

            await stream.ReadExactlyAsync(new byte[size + 2], token);
        }
    }

    private static async Task<string> ReadLineAsync(Stream stream, CancellationToken token)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            await stream.ReadExactlyAsync(one, token);
            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }
    }

    /// <summary>Counts what the answers write.</summary>
    private sealed class CountingStream(Stream inner, RawHttpServer server) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            Interlocked.Add(ref server.bytesWritten, buffer.Length);
        }
    }
}
