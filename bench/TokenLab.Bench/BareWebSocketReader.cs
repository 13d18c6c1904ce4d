using System;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client;
using TokenLab.Client.Realtime;
using TokenLab.Emulator;

namespace TokenLab.Bench;

/// <summary>
/// The baselines for event throughput: a bare ClientWebSocket that reads whole messages into one reused
/// buffer. Untyped, it looks only for the end of the response: the floor, no parsing and no object per event.
/// Typed, it also does inline what any reader that keeps events must: copies each message into an array
/// of its own and types it with the parser a session uses. Neither buffers between threads.
/// </summary>
internal static class BareWebSocketReader
{
    private static readonly byte[] ResponseDone = "\"response.done\""u8.ToArray();

    /// <summary>Opens a session, asks for a response and reads it to response.done; returns the events read and the time from the request.</summary>
    public static async Task<(int Events, TimeSpan Elapsed)> ReadResponseAsync(Uri webSocketUri, string responseCreate, bool typed, CancellationToken token)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + EmulatorOptions.DefaultApiKey);
        await socket.ConnectAsync(webSocketUri, token);
        var buffer = new byte[64 * 1024];
        await ReadMessageAsync(socket, buffer, token); // session.created

        var clock = Stopwatch.StartNew();
        await socket.SendAsync(Encoding.UTF8.GetBytes(responseCreate), WebSocketMessageType.Text, true, token);
        int events = 0;
        while (true)
        {
            int length = await ReadMessageAsync(socket, buffer, token);
            events++;
            if (typed)
            {
                if (RealtimeEventTypes.ToGaName(RealtimeEventParser.Parse(buffer.AsSpan(0, length).ToArray(), SecretRedactor.None).Type) == RealtimeEventTypes.ResponseDone)
                {
                    break;
                }
            }
            else if (buffer.AsSpan(0, Math.Min(length, 48)).IndexOf(ResponseDone) >= 0)
            {
                break;
            }
        }

        clock.Stop();
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", token);
        return (events, clock.Elapsed);
    }

    private static async Task<int> ReadMessageAsync(ClientWebSocket socket, byte[] buffer, CancellationToken token)
    {
        int length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(length), token);
            length += result.Count;
        }
        while (!result.EndOfMessage);
        return length;
    }
}
