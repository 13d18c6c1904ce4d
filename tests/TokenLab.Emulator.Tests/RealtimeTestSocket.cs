using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace TokenLab.Emulator.Tests;

/// <summary>A bare WebSocket client for the emulator's realtime endpoint: send JSON, read events, bounded waits.</summary>
internal sealed class RealtimeTestSocket : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private RealtimeTestSocket(ClientWebSocket socket)
    {
        Socket = socket;
    }

    public ClientWebSocket Socket { get; }

    /// <param name="query">More of the query string after the model, such as "&amp;intent=transcription".</param>
    public static async Task<RealtimeTestSocket> ConnectAsync(Uri baseUri, string model, string apiKey = EmulatorOptions.DefaultApiKey, bool beta = false, string query = "")
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + apiKey);
        if (beta)
        {
            socket.Options.SetRequestHeader("OpenAI-Beta", "realtime=v1");
        }

        using var timeout = new CancellationTokenSource(Wait);
        await socket.ConnectAsync(new Uri(WebSocketUri(baseUri, model) + query), timeout.Token);
        return new RealtimeTestSocket(socket);
    }

    public static Uri WebSocketUri(Uri baseUri, string? model) =>
        new(new Uri(baseUri.AbsoluteUri.Replace("http://", "ws://", StringComparison.Ordinal)), model is null ? "v1/realtime" : "v1/realtime?model=" + Uri.EscapeDataString(model));

    public async Task SendAsync(string json)
    {
        using var timeout = new CancellationTokenSource(Wait);
        await Socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, timeout.Token);
    }

    public Task SendAsync(object message) => SendAsync(JsonSerializer.Serialize(message));

    /// <summary>The next event, or null when the server closed the socket.</summary>
    public async Task<JsonElement?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        using var message = new MemoryStream();
        var buffer = new byte[64 * 1024];
        WebSocketReceiveResult result;
        do
        {
            result = await Socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        using var document = JsonDocument.Parse(message.ToArray());
        return document.RootElement.Clone();
    }

    /// <summary>Events up to and including the first of <paramref name="type"/>.</summary>
    public async Task<List<JsonElement>> ReceiveUntilAsync(string type)
    {
        var events = new List<JsonElement>();
        while (true)
        {
            var next = await ReceiveAsync() ?? throw new Xunit.Sdk.XunitException($"The socket closed before '{type}'; got {string.Join(", ", events.Select(Type))}.");
            events.Add(next);
            if (Type(next) == type)
            {
                return events;
            }
        }
    }

    public async Task<JsonElement> ReceiveTypeAsync(string type) => (await ReceiveUntilAsync(type))[^1];

    public static string Type(JsonElement message) => message.GetProperty("type").GetString()!;

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(Wait);
            try
            {
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "test done", timeout.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                // The test left the socket broken on purpose.
            }
        }

        Socket.Dispose();
    }
}
