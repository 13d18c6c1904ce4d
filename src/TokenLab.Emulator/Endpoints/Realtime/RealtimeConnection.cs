using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using TokenLab.Emulator.Faults;
using TokenLab.Emulator.Transcription;
using Names = TokenLab.Emulator.Endpoints.Realtime.RealtimeEventNames;

namespace TokenLab.Emulator.Endpoints.Realtime;

/// <summary>
/// One realtime session on an accepted WebSocket: reads client events in order and answers them, runs a
/// response alongside, applies a close or disconnect fault when its event has passed, and records how the
/// session ended. Malformed client events get an <c>error</c> event and the session stays open, as the
/// protocol says.
/// </summary>
internal sealed class RealtimeConnection
{
    private const string SupportedTypes =
        "'session.update', 'input_audio_buffer.append', 'input_audio_buffer.commit', 'input_audio_buffer.clear', " +
        "'conversation.item.create', 'conversation.item.retrieve', 'conversation.item.delete', 'conversation.item.truncate', " +
        "'response.create', 'response.cancel'";

    // The protocol rejects a commit of less than 100 ms of audio.
    private const double MinCommitMs = 100;

    // The read buffer grows for a large append; after one it is replaced so an idle session does not keep it.
    private const int ReadChunkBytes = 16 * 1024;
    private const int KeptBufferBytes = 1024 * 1024;

    private readonly HttpContext _context;
    private readonly WebSocket _socket;
    private readonly RealtimeSessionLog.Entry _log;
    private readonly RealtimeSessionConfig _config;
    private readonly RealtimeConversation _conversation = new();
    private readonly RealtimeEventSender _sender;
    private readonly FaultSpec? _fault;
    private readonly TimeProvider _time;
    private readonly RealtimePace _pace;
    private readonly RealtimeRateLimits _rateLimits;
    private readonly VoiceActivityDetector _voiceActivity = new();
    private readonly CancellationTokenSource _sessionEnded;
    private int _faultStruck;
    private Task _response = Task.CompletedTask;
    private string? _responseId;
    private ResponseCancellation _responseCancel = new();

    // The user item server VAD will commit for the speech it heard start; null while no speech is heard.
    private (string ItemId, long StartMs)? _turn;

    private RealtimeConnection(
        HttpContext context, WebSocket socket, RealtimeSessionConfig config, RealtimeSessionLog.Entry log, FaultSpec? fault, TimeProvider time, RealtimePace pace, CancellationToken stopping)
    {
        _context = context;
        _socket = socket;
        _config = config;
        _log = log;
        _fault = fault;
        _time = time;
        _pace = pace;
        _rateLimits = new RealtimeRateLimits(time);
        _sessionEnded = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        _sender = new RealtimeEventSender(socket, config.Dialect, log, AfterEventAsync);
    }

    public static async Task RunAsync(
        HttpContext context, WebSocket socket, RealtimeSessionConfig config, RealtimeSessionLog.Entry log, FaultSpec? fault, TimeProvider time, RealtimePace pace, CancellationToken stopping)
    {
        var connection = new RealtimeConnection(context, socket, config, log, fault, time, pace, stopping);
        await connection.RunAsync();
    }

    private async Task RunAsync()
    {
        try
        {
            await _sender.SendAsync(_config.CreatedEvent, new JsonObject { ["session"] = _config.ToJson() }, _sessionEnded.Token);
            await ReceiveLoopAsync();
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or IOException or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
        {
            // The client went away, a fault dropped the connection, or the emulator is stopping.
            _log.Ended(_sessionEnded.IsCancellationRequested && !_context.RequestAborted.IsCancellationRequested ? RealtimeSessionEnd.Dropped : RealtimeSessionEnd.ClientLost, _time.GetUtcNow());
            _context.Abort();
        }
        finally
        {
            await _responseCancel.CancelAsync();
            await _sessionEnded.CancelAsync();
            try
            {
                await _response;
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
            {
                // The response was cut off with the session.
            }

            _sessionEnded.Dispose();
            _responseCancel.Dispose();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(ReadChunkBytes);
        while (true)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await _socket.ReceiveAsync(buffer.GetMemory(ReadChunkBytes), _sessionEnded.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await OnCloseFrameAsync();
                    return;
                }

                buffer.Advance(result.Count);
                if (buffer.WrittenCount > RealtimeLimits.MaxClientMessageBytes)
                {
                    await CloseAsync((int)WebSocketCloseStatus.MessageTooBig, $"Client events are limited to {RealtimeLimits.MaxClientMessageBytes / (1024 * 1024)} MiB.");
                    await DrainUntilCloseAsync();
                    return;
                }
            }
            while (!result.EndOfMessage);

            if (_sender.IsOutputClosed)
            {
                // The emulator closed first: what the client sent meanwhile goes unanswered.
            }
            else if (result.MessageType == WebSocketMessageType.Binary)
            {
                _log.ClientEvent("(binary)");
                await SendErrorAsync("invalid_value", "Binary frames are not supported: send each event as a JSON text frame.", null, null);
            }
            else
            {
                await HandleMessageAsync(buffer.WrittenMemory);
            }

            if (buffer.Capacity > KeptBufferBytes)
            {
                buffer = new ArrayBufferWriter<byte>(ReadChunkBytes);
            }
        }
    }

    /// <summary>The client's close frame: either it closes first (answered with the same status), or it answers ours.</summary>
    private async Task OnCloseFrameAsync()
    {
        _log.CloseFrame((int?)_socket.CloseStatus, _socket.CloseStatusDescription);
        _log.Ended(RealtimeSessionEnd.ClosedByClient, _time.GetUtcNow());
        await _responseCancel.CancelAsync();
        if (_socket.State == WebSocketState.CloseReceived)
        {
            await _sender.CloseOutputAsync((int)(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure), _socket.CloseStatusDescription ?? string.Empty, CancellationToken.None);
        }
    }

    /// <summary>After the emulator closed first: ignore what the client still sends until its close frame, bounded in time.</summary>
    private async Task DrainUntilCloseAsync()
    {
        var scratch = new byte[ReadChunkBytes];
        while ((await _socket.ReceiveAsync(scratch.AsMemory(), _sessionEnded.Token)).MessageType != WebSocketMessageType.Close)
        {
        }
    }

    private async Task HandleMessageAsync(ReadOnlyMemory<byte> message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException exception)
        {
            _log.ClientEvent("(invalid json)");
            await SendErrorAsync("invalid_json", EmulatorJson.NotValid("The event", exception), null, null);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var eventId = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("event_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            {
                _log.ClientEvent("(no type)");
                await SendErrorAsync("missing_required_parameter", "Missing required parameter: 'type'. Every event is a JSON object with a string 'type'.", "type", eventId);
                return;
            }

            var type = typeElement.GetString()!;
            _log.ClientEvent(type);
            try
            {
                await DispatchAsync(type, root, eventId);
            }
            catch (Exception exception) when (exception is (InvalidOperationException and not ObjectDisposedException) or FormatException or JsonException)
            {
                // A field of the wrong JSON type; the reader's message names .NET types, so it is not passed on.
                await SendErrorAsync("invalid_type", $"Invalid '{type}' event: a field has the wrong type (for example a number where a string or an object is expected).", null, eventId);
            }

            await AfterEventAsync(type);
        }
    }

    private Task DispatchAsync(string type, JsonElement root, string? eventId) => type switch
    {
        _ when type == _config.UpdateEvents.Update => UpdateSessionAsync(root, eventId),
        "input_audio_buffer.append" => AppendAudioAsync(root, eventId),
        "input_audio_buffer.commit" => CommitAudioAsync(eventId),
        "input_audio_buffer.clear" => ClearAudioAsync(),
        "conversation.item.create" => CreateItemAsync(root, eventId),
        "conversation.item.retrieve" => RetrieveItemAsync(root, eventId),
        "conversation.item.delete" => DeleteItemAsync(root, eventId),
        "conversation.item.truncate" => TruncateItemAsync(root, eventId),
        "response.create" => CreateResponseAsync(root, eventId),
        "response.cancel" => CancelResponseAsync(root, eventId),
        "session.update" or "transcription_session.update" => SendErrorAsync(
            "invalid_value", $"Invalid value: '{type}'. This session is updated with '{_config.UpdateEvents.Update}'.", "type", eventId),
        _ => SendErrorAsync("invalid_value", $"Invalid value: '{type}'. Supported values are: {SupportedTypes}.", "type", eventId),
    };

    private async Task UpdateSessionAsync(JsonElement root, string? eventId)
    {
        if (!root.TryGetProperty("session", out var session) || session.ValueKind != JsonValueKind.Object)
        {
            await SendErrorAsync("missing_required_parameter", "Missing required parameter: 'session'.", "session", eventId);
            return;
        }

        if (_config.Apply(JsonObject.Create(session)!) is { } problem)
        {
            await SendErrorAsync("invalid_value", problem.Message, problem.Param, eventId);
            return;
        }

        await SendAsync(_config.UpdateEvents.Updated, new JsonObject { ["session"] = _config.ToJson() });
    }

    private async Task AppendAudioAsync(JsonElement root, string? eventId)
    {
        if (!root.TryGetProperty("audio", out var audio) || audio.ValueKind != JsonValueKind.String)
        {
            await SendErrorAsync("missing_required_parameter", "Missing required parameter: 'audio' (base64 PCM16, 24 kHz, mono).", "audio", eventId);
            return;
        }

        if (!audio.TryGetBytesFromBase64(out var bytes))
        {
            await SendErrorAsync("invalid_value", "Invalid 'audio': it is not valid base64.", "audio", eventId);
            return;
        }

        if (bytes.Length > RealtimeLimits.MaxAppendAudioBytes)
        {
            await SendErrorAsync("invalid_value", $"Invalid 'audio': one append carries at most {RealtimeLimits.MaxAppendAudioBytes / (1024 * 1024)} MiB.", "audio", eventId);
            return;
        }

        _conversation.AppendAudio(bytes.Length);
        if (_config.TurnDetection is { } turnDetection)
        {
            foreach (var activity in _voiceActivity.Append(bytes, turnDetection))
            {
                await OnVoiceActivityAsync(activity, turnDetection);
            }
        }
    }

    /// <summary>Server VAD: speech started (interrupting a reply) or stopped (the turn is committed, transcribed and answered).</summary>
    private async Task OnVoiceActivityAsync(VoiceActivity activity, TurnDetection turnDetection)
    {
        if (activity.SpeechStarted)
        {
            _turn = (RealtimeIds.New("item"), activity.AudioMs);
            await SendAsync(Names.SpeechStarted, new JsonObject { ["audio_start_ms"] = activity.AudioMs, ["item_id"] = _turn.Value.ItemId });
            if (turnDetection.InterruptResponse && !_response.IsCompleted)
            {
                await _responseCancel.CancelAsync("turn_detected");
            }

            return;
        }

        if (_turn is not var (itemId, startMs))
        {
            return;
        }

        _turn = null;
        await SendAsync(Names.SpeechStopped, new JsonObject { ["audio_end_ms"] = activity.AudioMs, ["item_id"] = itemId });
        var laterBytes = (_voiceActivity.StreamMs - activity.AudioMs) * ToneGenerator.BytesPerMillisecond;
        var previous = _conversation.LastItemId;
        await CommitAsync(previous, _conversation.CommitTurn(itemId, (int)(activity.AudioMs - startMs), laterBytes));
        if (turnDetection.CreateResponse && !_config.TranscriptionOnly && _response.IsCompleted)
        {
            await StartResponseAsync(null, null);
        }
    }

    private async Task CommitAudioAsync(string? eventId)
    {
        var buffered = _conversation.BufferedAudioMs;
        if (buffered < MinCommitMs)
        {
            await SendErrorAsync(
                "input_audio_buffer_commit_empty",
                $"Error committing input audio buffer: buffer too small. Expected at least {MinCommitMs:0}ms of audio, but buffer only has {buffered.ToString("0.00", CultureInfo.InvariantCulture)}ms of audio.",
                null,
                eventId);
            return;
        }

        // The client took the turn: speech server VAD was following is part of this commit.
        _turn = null;
        _voiceActivity.Restart();
        var previous = _conversation.LastItemId;
        await CommitAsync(previous, _conversation.CommitAudio());
    }

    /// <summary>The events of a committed turn: committed, the item, and its transcript when the session transcribes input.</summary>
    private async Task CommitAsync(string? previous, ConversationItem item)
    {
        await SendAsync(Names.InputAudioCommitted, new JsonObject { ["previous_item_id"] = previous, ["item_id"] = item.Id });
        await SendItemAsync(previous, item);
        if (_config.TranscriptionModel is null)
        {
            return;
        }

        var seconds = item.AudioMs / 1000.0;
        var transcript = "(" + seconds.ToString("0.0", CultureInfo.InvariantCulture) + " seconds of audio)";
        var words = transcript.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            await SendAsync(Names.InputTranscriptionDelta, new JsonObject
            {
                ["item_id"] = item.Id,
                ["content_index"] = 0,
                ["delta"] = i == 0 ? words[i] : " " + words[i],
            });
        }

        await SendAsync(Names.InputTranscriptionCompleted, new JsonObject
        {
            ["item_id"] = item.Id,
            ["content_index"] = 0,
            ["transcript"] = transcript,
            ["usage"] = TranscriptionUsage.Duration(seconds),
        });
    }

    private Task ClearAudioAsync()
    {
        _turn = null;
        _voiceActivity.Restart();
        _conversation.ClearAudio();
        return SendAsync(Names.InputAudioCleared, []);
    }

    private async Task CreateItemAsync(JsonElement root, string? eventId)
    {
        if (!root.TryGetProperty("item", out var item) || item.ValueKind != JsonValueKind.Object)
        {
            await SendErrorAsync("missing_required_parameter", "Missing required parameter: 'item'.", "item", eventId);
            return;
        }

        string? text = null;
        var audioMs = 0;
        if (item.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in content.EnumerateArray())
            {
                if (part.TryGetProperty("text", out var partText) && partText.ValueKind == JsonValueKind.String)
                {
                    text += partText.GetString();
                }
                else if (part.TryGetProperty("audio", out var partAudio) && partAudio.ValueKind == JsonValueKind.String && partAudio.TryGetBytesFromBase64(out var bytes))
                {
                    audioMs += bytes.Length / ToneGenerator.BytesPerMillisecond;
                }
            }
        }

        if (text is null && audioMs == 0)
        {
            await SendErrorAsync("invalid_value", "Invalid 'item': the emulator understands message items with input_text or input_audio content.", "item.content", eventId);
            return;
        }

        var previous = _conversation.LastItemId;
        await SendItemAsync(previous, _conversation.AddUser(text, audioMs));
    }

    private async Task SendItemAsync(string? previousItemId, ConversationItem item)
    {
        await SendAsync(Names.ItemAdded, new JsonObject { ["previous_item_id"] = previousItemId, ["item"] = ItemJson(item) });
        await SendAsync(Names.ItemDone, new JsonObject { ["previous_item_id"] = previousItemId, ["item"] = ItemJson(item) });
    }

    /// <summary>An item as the protocol shows it; content part types follow the session's dialect.</summary>
    private JsonObject ItemJson(ConversationItem item)
    {
        var output = _config.Dialect == RealtimeDialect.Ga ? "output_" : string.Empty;
        var content = (item.Role, item.Text, item.AudioMs) switch
        {
            ("user", null, _) => new JsonObject { ["type"] = "input_audio", ["transcript"] = null },
            ("user", var text, _) => new JsonObject { ["type"] = "input_text", ["text"] = text },
            (_, var transcript, > 0) => new JsonObject { ["type"] = output + "audio", ["transcript"] = transcript },
            (_, var text, _) => new JsonObject { ["type"] = output + "text", ["text"] = text },
        };
        return new JsonObject
        {
            ["id"] = item.Id,
            ["object"] = "realtime.item",
            ["type"] = "message",
            ["status"] = "completed",
            ["role"] = item.Role,
            ["content"] = new JsonArray(content),
        };
    }

    private async Task RetrieveItemAsync(JsonElement root, string? eventId)
    {
        if (await FindItemAsync(root, eventId, "retrieving") is { } item)
        {
            await SendAsync(Names.ItemRetrieved, new JsonObject { ["item"] = ItemJson(item) });
        }
    }

    private async Task DeleteItemAsync(JsonElement root, string? eventId)
    {
        if (await FindItemAsync(root, eventId, "deleting") is { } item && _conversation.Delete(item.Id))
        {
            await SendAsync(Names.ItemDeleted, new JsonObject { ["item_id"] = item.Id });
        }
    }

    private async Task TruncateItemAsync(JsonElement root, string? eventId)
    {
        if (await FindItemAsync(root, eventId, "truncating") is not { } item)
        {
            return;
        }

        if (!root.TryGetProperty("audio_end_ms", out var end) || !end.TryGetInt32(out var audioEndMs) || audioEndMs < 0)
        {
            await SendErrorAsync("missing_required_parameter", "Missing required parameter: 'audio_end_ms' (milliseconds, 0 or more).", "audio_end_ms", eventId);
            return;
        }

        if (item.Role != "assistant" || item.AudioMs == 0)
        {
            await SendErrorAsync("invalid_value", $"Error truncating item: item '{item.Id}' has no assistant audio to truncate.", "item_id", eventId);
            return;
        }

        if (audioEndMs > item.AudioMs)
        {
            await SendErrorAsync("invalid_value", $"Error truncating item: audio_end_ms {audioEndMs} is past the end of the item's {item.AudioMs} ms of audio.", "audio_end_ms", eventId);
            return;
        }

        _conversation.Truncate(item, audioEndMs);
        await SendAsync(Names.ItemTruncated, new JsonObject { ["item_id"] = item.Id, ["content_index"] = 0, ["audio_end_ms"] = audioEndMs });
    }

    /// <summary>The item the event's <c>item_id</c> names; otherwise an error event is sent and null returned.</summary>
    private async Task<ConversationItem?> FindItemAsync(JsonElement root, string? eventId, string doing)
    {
        if (!root.TryGetProperty("item_id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            await SendErrorAsync("missing_required_parameter", "Missing required parameter: 'item_id'.", "item_id", eventId);
            return null;
        }

        var item = _conversation.Find(id.GetString()!);
        if (item is null)
        {
            await SendErrorAsync("invalid_value", $"Error {doing} item: the item with id '{id.GetString()}' does not exist.", "item_id", eventId);
        }

        return item;
    }

    private async Task CreateResponseAsync(JsonElement root, string? eventId)
    {
        if (_config.TranscriptionOnly)
        {
            await SendErrorAsync("invalid_value", "Invalid value: 'response.create'. A transcription session transcribes its input and has no responses.", "type", eventId);
            return;
        }

        if (!_response.IsCompleted)
        {
            await SendErrorAsync("conversation_already_has_active_response", "Conversation already has an active response in progress.", null, eventId);
            return;
        }

        var response = root.TryGetProperty("response", out var element) && element.ValueKind == JsonValueKind.Object ? JsonObject.Create(element) : null;
        await StartResponseAsync(response, eventId);
    }

    private async Task StartResponseAsync(JsonObject? response, string? eventId)
    {
        var (plan, problem) = RealtimeResponsePlan.Read(response, _config, _conversation.ReplyText(), _pace);
        if (problem is { } invalid)
        {
            await SendErrorAsync("invalid_value", invalid.Message, invalid.Param, eventId);
            return;
        }

        _responseCancel.Dispose();
        _responseCancel = new ResponseCancellation();
        var responder = new RealtimeResponder(_sender, _conversation, _config.Instructions, new ToneGenerator(_config.Voice), _time, _rateLimits);
        var cancellation = _responseCancel;
        var voice = _config.Voice;
        _responseId = responder.ResponseId;
        _response = Task.Run(() => responder.RunAsync(plan!, voice, cancellation, _sessionEnded.Token));
    }

    private Task CancelResponseAsync(JsonElement root, string? eventId)
    {
        var named = root.TryGetProperty("response_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        if (_response.IsCompleted || (named is not null && named != _responseId))
        {
            return SendErrorAsync("response_cancel_not_active", "Cancellation failed: no active response found.", null, eventId);
        }

        return _responseCancel.CancelAsync();
    }

    private Task SendAsync(string gaName, JsonObject fields) => _sender.SendAsync(gaName, fields, _sessionEnded.Token);

    private Task SendErrorAsync(string code, string message, string? param, string? clientEventId) =>
        _sender.SendErrorAsync(code, message, param, clientEventId, _sessionEnded.Token);

    /// <summary>Strikes the session's fault once the event it waits for (sent or received) has passed.</summary>
    private async Task AfterEventAsync(string type)
    {
        if (_fault is null || type != (_fault.AfterEvent ?? Names.SessionCreated) || Interlocked.Exchange(ref _faultStruck, 1) == 1)
        {
            return;
        }

        if (_fault.Kind == FaultKind.Disconnect)
        {
            _log.Ended(RealtimeSessionEnd.Dropped, _time.GetUtcNow());
            _context.Abort();
            await _sessionEnded.CancelAsync();
            throw new OperationCanceledException("A disconnect fault dropped the session.");
        }

        await CloseAsync(_fault.CloseStatus ?? (int)WebSocketCloseStatus.InternalServerError, _fault.CloseDescription ?? "Emulated server close");
    }

    /// <summary>Closes from the server side: the close frame goes out, the response stops, and the client has a while to answer.</summary>
    private async Task CloseAsync(int status, string description)
    {
        _log.CloseFrame(status, description);
        _log.Ended(RealtimeSessionEnd.ClosedByServer, _time.GetUtcNow());
        await _responseCancel.CancelAsync();
        await _sender.CloseOutputAsync(status, description, _sessionEnded.Token);
        _sessionEnded.CancelAfter(RealtimeLimits.CloseHandshakeTimeout);
    }
}
