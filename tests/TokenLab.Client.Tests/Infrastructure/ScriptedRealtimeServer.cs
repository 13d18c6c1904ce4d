using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TokenLab.Client.Tests.Infrastructure;

/// <summary>
/// A realtime server that does only what its test scripts: Kestrel on loopback accepting the /v1/realtime
/// WebSocket and handing it to the script, which reads the client's events and sends what it wants, when
/// it wants (or nothing, or a close). For the branches of the protocol that a well-behaved emulator never takes.
/// </summary>
internal sealed class ScriptedRealtimeServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private ScriptedRealtimeServer(WebApplication app, Uri baseUri)
    {
        this.app = app;
        Client = new TokenLabClient(new TokenLabClientOptions { BaseUri = baseUri, ApiKey = "sk-scripted-server-test" });
    }

    public TokenLabClient Client { get; }

    /// <summary>Starts the server; each session runs <paramref name="script"/>, bounded by <paramref name="bound"/>.</summary>
    public static async Task<ScriptedRealtimeServer> StartAsync(Func<ScriptedSocket, Task> script, TimeSpan bound)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        app.UseWebSockets();
        app.Map("/v1/realtime", async context =>
        {
            using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
            using var limit = new CancellationTokenSource(bound);
            try
            {
                await script(new ScriptedSocket(socket, limit.Token));
            }
            catch (Exception ex) when (ex is OperationCanceledException || ex is WebSocketException)
            {
                // The client went away or the bound passed: the session is over either way.
            }
        });
        await app.StartAsync();
        string address = app.Urls.First();
        return new ScriptedRealtimeServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

/// <summary>The server's side of one scripted session.</summary>
internal sealed class ScriptedSocket(WebSocket socket, CancellationToken token)
{
    public const string SessionCreated = "{\"type\":\"session.created\",\"event_id\":\"event_1\",\"session\":{\"id\":\"sess_scripted\",\"type\":\"realtime\"}}";

    /// <summary>The types of the client events received so far.</summary>
    public List<string> Received { get; } = [];

    public Task SendAsync(string json) => socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, token);

    /// <summary>The next client event; null when the client closed.</summary>
    public async Task<JsonElement?> ReceiveAsync()
    {
        var message = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, token);
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                JsonElement parsed = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                Received.Add(parsed.GetProperty("type").GetString()!);
                return parsed;
            }
        }
    }

    /// <summary>Reads client events until one of <paramref name="type"/> (audio appends and the like pass by); null when the client closed first.</summary>
    public async Task<JsonElement?> ReceiveUntilAsync(string type)
    {
        while (await ReceiveAsync() is JsonElement next)
        {
            if (next.GetProperty("type").GetString() == type)
            {
                return next;
            }
        }

        return null;
    }

    /// <summary>Waits until the client closes (or the bound passes), answering its close.</summary>
    public async Task DrainAsync()
    {
        while (await ReceiveAsync() is not null)
        {
        }
    }

    public Task CloseAsync(WebSocketCloseStatus status, string description) => socket.CloseAsync(status, description, token);

    /// <summary>A whole response: created, audio and transcript deltas, the transcript, done with <paramref name="status"/> and usage.</summary>
    public async Task SendResponseAsync(string responseId, string transcript, string status = "completed", int audioBytes = 4800, int totalTokens = 10)
    {
        await SendAsync(ResponseCreated(responseId));
        await SendAsync(AudioDelta(responseId, audioBytes));
        await SendAsync(TranscriptDelta(responseId, transcript));
        await SendAsync("{\"type\":\"response.output_audio_transcript.done\",\"response_id\":\"" + responseId + "\",\"transcript\":\"" + transcript + "\"}");
        await SendAsync(ResponseDone(responseId, status, totalTokens));
    }

    public static string ResponseCreated(string responseId) => "{\"type\":\"response.created\",\"response\":{\"id\":\"" + responseId + "\",\"status\":\"in_progress\"}}";

    public static string AudioDelta(string responseId, int bytes) =>
        "{\"type\":\"response.output_audio.delta\",\"response_id\":\"" + responseId + "\",\"delta\":\"" + Convert.ToBase64String(new byte[bytes]) + "\"}";

    public static string TranscriptDelta(string responseId, string text) =>
        "{\"type\":\"response.output_audio_transcript.delta\",\"response_id\":\"" + responseId + "\",\"delta\":\"" + text + "\"}";

    public static string ResponseDone(string responseId, string status, int totalTokens) =>
        "{\"type\":\"response.done\",\"response\":{\"id\":\"" + responseId + "\",\"status\":\"" + status + "\",\"usage\":{\"total_tokens\":" + totalTokens
        + ",\"input_tokens\":" + (totalTokens / 2) + ",\"output_tokens\":" + (totalTokens - (totalTokens / 2)) + "}}}";

    public static string Error(string code, string? clientEventId) =>
        "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"code\":\"" + code + "\",\"message\":\"scripted " + code + "\""
        + (clientEventId is null ? string.Empty : ",\"event_id\":\"" + clientEventId + "\"") + "}}";
}
