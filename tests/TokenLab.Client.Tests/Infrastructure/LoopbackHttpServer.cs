using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TokenLab.Client.Tests.Infrastructure;

/// <summary>
/// A bare HTTP/1.1 server on a loopback port that keeps each request's head exactly as it came off the
/// wire (which headers a client stack adds, such as Expect, shows only there) and answers 200 with "{}".
/// Free of ASP.NET Core, so it runs on .NET Framework too.
/// </summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new CancellationTokenSource();
    private readonly ConcurrentQueue<string> heads = new ConcurrentQueue<string>();

    public LoopbackHttpServer()
    {
        listener.Start();
        BaseUri = new Uri("http://127.0.0.1:" + ((IPEndPoint)listener.LocalEndpoint).Port + "/");
        _ = AcceptLoopAsync();
    }

    public Uri BaseUri { get; }

    /// <summary>The request line and headers of each request received, in order.</summary>
    public IReadOnlyList<string> RequestHeads => heads.ToArray();

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient connection;
            try
            {
                connection = await listener.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectDisposedException || ex is SocketException || ex is InvalidOperationException)
            {
                return;
            }

            _ = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(TcpClient connection)
    {
        using (connection)
        {
            NetworkStream stream = connection.GetStream();
            try
            {
                while (await ReadHeadAsync(stream).ConfigureAwait(false) is string head)
                {
                    heads.Enqueue(head);
                    await SkipBodyAsync(stream, head).ConfigureAwait(false);
                    byte[] answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
                    await stream.WriteAsync(answer, 0, answer.Length).ConfigureAwait(false);
                }
            }
            catch (IOException)
            {
                // The client went away.
            }
        }
    }

    private static async Task<string?> ReadHeadAsync(Stream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, 0, 1).ConfigureAwait(false) == 0 || head.Length > 64 * 1024)
            {
                return null;
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }

    private static async Task SkipBodyAsync(Stream stream, string head)
    {
        string? length = head.Split(new[] { "\r\n" }, StringSplitOptions.None)
            .FirstOrDefault(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        int remaining = length is null ? 0 : int.Parse(length.Substring("Content-Length:".Length).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var buffer = new byte[4096];
        while (remaining > 0)
        {
            int read = await stream.ReadAsync(buffer, 0, Math.Min(buffer.Length, remaining)).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            remaining -= read;
        }
    }
}
