using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TokenLab.Emulator.Endpoints.Realtime;

/// <summary>
/// Sends server events on a session's socket, one at a time (a WebSocket allows one send in flight): names
/// them in the session's dialect, gives each an <c>event_id</c>, counts them, and reports each sent type so
/// a fault waiting for it can strike.
/// </summary>
internal sealed class RealtimeEventSender(WebSocket socket, RealtimeDialect dialect, RealtimeSessionLog.Entry log, Func<string, Task> afterEvent)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private readonly string _eventIdStem = RealtimeIds.New("event")[..14];
    private long _sequence;
    private volatile bool _outputClosed;

    public RealtimeDialect Dialect => dialect;

    /// <summary>True once a close frame was sent: nothing more goes out.</summary>
    public bool IsOutputClosed => _outputClosed;

    /// <summary>Sends an event named by its GA name; <paramref name="writeFields"/> adds the fields after type and event_id.</summary>
    /// <exception cref="OperationCanceledException">The session's output is closed (a close was sent).</exception>
    public async Task SendAsync(string gaName, Action<Utf8JsonWriter> writeFields, CancellationToken token)
    {
        if (!RealtimeEventNames.Exists(dialect, gaName))
        {
            return;
        }

        var type = RealtimeEventNames.In(dialect, gaName);
        await _gate.WaitAsync(token);
        try
        {
            if (_outputClosed)
            {
                throw new OperationCanceledException("The session's output is closed.");
            }

            _buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(_buffer, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("type", type);
                writer.WriteString("event_id", _eventIdStem + (++_sequence).ToString("x", CultureInfo.InvariantCulture));
                writeFields(writer);
                writer.WriteEndObject();
            }

            // Counted first: the client may read the event before SendAsync returns here.
            log.ServerEvent();
            await socket.SendAsync(_buffer.WrittenMemory, WebSocketMessageType.Text, true, token);
        }
        finally
        {
            _gate.Release();
        }

        await afterEvent(type);
        if (type != gaName)
        {
            await afterEvent(gaName);
        }
    }

    /// <summary>Sends an event whose fields are the properties of <paramref name="fields"/>.</summary>
    public Task SendAsync(string gaName, JsonObject fields, CancellationToken token) =>
        SendAsync(gaName, writer =>
        {
            foreach (var (name, value) in fields)
            {
                writer.WritePropertyName(name);
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }
        }, token);

    /// <summary>An <c>error</c> event; <paramref name="clientEventId"/> names the client event it is about.</summary>
    public Task SendErrorAsync(string code, string message, string? param, string? clientEventId, CancellationToken token) =>
        SendAsync(RealtimeEventNames.Error, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["type"] = "invalid_request_error",
                ["code"] = code,
                ["message"] = message,
                ["param"] = param,
                ["event_id"] = clientEventId,
            },
        }, token);

    /// <summary>Sends the close frame; nothing is sent after it.</summary>
    public async Task CloseOutputAsync(int status, string description, CancellationToken token)
    {
        await _gate.WaitAsync(token);
        try
        {
            if (!_outputClosed)
            {
                _outputClosed = true;
                await socket.CloseOutputAsync((WebSocketCloseStatus)status, description, token);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
