using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Names = TokenLab.Emulator.Endpoints.Realtime.RealtimeEventNames;

namespace TokenLab.Emulator.Endpoints.Realtime;

/// <summary>
/// Plays one response: <c>response.created</c>, the output item and content part, the audio and transcript
/// (or text) deltas, their done events, <c>response.done</c> with usage and <c>rate_limits.updated</c>.
/// Audio deltas go out at the pace of the audio unless the plan says fast, so a <c>response.cancel</c> or
/// an interruption by new speech ends them early, as with the service, and the response finishes as cancelled.
/// </summary>
internal sealed class RealtimeResponder(
    RealtimeEventSender sender, RealtimeConversation conversation, string instructions, ToneGenerator tone, TimeProvider time, RealtimeRateLimits rateLimits)
{
    public string ResponseId { get; } = RealtimeIds.New("resp");

    public async Task RunAsync(RealtimeResponsePlan plan, string voice, ResponseCancellation cancellation, CancellationToken sessionEnded)
    {
        var responseId = ResponseId;
        var cancelRequested = cancellation.Token;
        var itemId = RealtimeIds.New("item");

        // Content parts are "audio"/"text" in both dialects; GA names an assistant item's content "output_audio"/"output_text".
        var partType = plan.AudioOutput ? "audio" : "text";
        var contentType = sender.Dialect == RealtimeDialect.Ga ? "output_" + partType : partType;
        var textField = plan.AudioOutput ? "transcript" : "text";
        var input = conversation.InputTokens(instructions);
        var previousItemId = conversation.LastItemId;

        await sender.SendAsync(Names.ResponseCreated, new JsonObject { ["response"] = Response(responseId, plan, voice, "in_progress", null, [], null) }, sessionEnded);
        await sender.SendAsync(Names.OutputItemAdded, new JsonObject
        {
            ["response_id"] = responseId,
            ["output_index"] = 0,
            ["item"] = Item(itemId, "in_progress", []),
        }, sessionEnded);
        await sender.SendAsync(Names.ItemAdded, new JsonObject { ["previous_item_id"] = previousItemId, ["item"] = Item(itemId, "in_progress", []) }, sessionEnded);
        await sender.SendAsync(Names.ContentPartAdded, Addressed(responseId, itemId, new JsonObject { ["part"] = new JsonObject { ["type"] = partType, [textField] = string.Empty } }), sessionEnded);

        var (spoken, audioMs) = await StreamDeltasAsync(responseId, itemId, plan, cancelRequested, sessionEnded);
        var cancelled = cancelRequested.IsCancellationRequested;

        if (plan.AudioOutput)
        {
            await sender.SendAsync(Names.AudioDone, Addressed(responseId, itemId, []), sessionEnded);
            await sender.SendAsync(Names.TranscriptDone, Addressed(responseId, itemId, new JsonObject { ["transcript"] = spoken }), sessionEnded);
        }
        else
        {
            await sender.SendAsync(Names.TextDone, Addressed(responseId, itemId, new JsonObject { ["text"] = spoken }), sessionEnded);
        }

        var content = new JsonObject { ["type"] = contentType, [textField] = spoken };
        var status = cancelled ? "cancelled" : "completed";
        await sender.SendAsync(Names.ContentPartDone, Addressed(responseId, itemId, new JsonObject { ["part"] = new JsonObject { ["type"] = partType, [textField] = spoken } }), sessionEnded);
        var item = Item(itemId, cancelled ? "incomplete" : "completed", [content.DeepClone()]);
        await sender.SendAsync(Names.OutputItemDone, new JsonObject { ["response_id"] = responseId, ["output_index"] = 0, ["item"] = item.DeepClone() }, sessionEnded);
        await sender.SendAsync(Names.ItemDone, new JsonObject { ["previous_item_id"] = previousItemId, ["item"] = item.DeepClone() }, sessionEnded);

        conversation.AddAssistant(itemId, spoken, audioMs);
        var output = (RealtimeUsage.TextTokens(spoken), plan.AudioOutput ? RealtimeUsage.AudioTokens(audioMs) : 0);
        var details = cancelled ? new JsonObject { ["type"] = "cancelled", ["reason"] = cancellation.Reason } : null;
        var usage = RealtimeUsage.ToJson(input, output);
        await sender.SendAsync(Names.ResponseDone, new JsonObject
        {
            ["response"] = Response(responseId, plan, voice, status, details, [item], usage),
        }, sessionEnded);
        await sender.SendAsync(Names.RateLimitsUpdated, new JsonObject { ["rate_limits"] = rateLimits.Spend(usage["total_tokens"]!.GetValue<int>()) }, sessionEnded);
    }

    /// <summary>Sends the deltas; returns the text and the milliseconds of audio actually sent.</summary>
    private async Task<(string Spoken, int AudioMs)> StreamDeltasAsync(
        string responseId, string itemId, RealtimeResponsePlan plan, CancellationToken cancelRequested, CancellationToken sessionEnded)
    {
        var words = SplitWords(plan.Text);
        var spoken = new StringBuilder();
        if (!plan.AudioOutput)
        {
            foreach (var word in words.TakeWhile(_ => !cancelRequested.IsCancellationRequested))
            {
                await SendTextDeltaAsync(Names.TextDelta, responseId, itemId, word, sessionEnded);
                spoken.Append(word);
            }

            return (spoken.ToString(), 0);
        }

        var chunks = (plan.AudioMs + plan.ChunkMs - 1) / plan.ChunkMs;
        var sentMs = 0;
        var nextWord = 0;
        var started = time.GetTimestamp();
        for (var chunk = 0; chunk < chunks && !cancelRequested.IsCancellationRequested; chunk++)
        {
            if (plan.Pace == RealtimePace.Realtime && !await WaitForAudioTimeAsync(started, sentMs, cancelRequested))
            {
                break;
            }

            // Spread the transcript over the audio, a word at a time, so both arrive interleaved as from a model.
            while (nextWord < words.Count && (long)nextWord * chunks <= (long)chunk * words.Count)
            {
                await SendTextDeltaAsync(Names.TranscriptDelta, responseId, itemId, words[nextWord], sessionEnded);
                spoken.Append(words[nextWord++]);
            }

            var milliseconds = Math.Min(plan.ChunkMs, plan.AudioMs - sentMs);
            var audio = tone.Next(milliseconds);
            await sender.SendAsync(Names.AudioDelta, writer =>
            {
                WriteAddress(writer, responseId, itemId);
                writer.WriteBase64String("delta", audio.Span);
            }, sessionEnded);
            sentMs += milliseconds;
        }

        while (nextWord < words.Count && !cancelRequested.IsCancellationRequested)
        {
            await SendTextDeltaAsync(Names.TranscriptDelta, responseId, itemId, words[nextWord], sessionEnded);
            spoken.Append(words[nextWord++]);
        }

        return (spoken.ToString(), sentMs);
    }

    /// <summary>Waits until the audio sent so far has had time to play; false when the response was cancelled meanwhile.</summary>
    private async Task<bool> WaitForAudioTimeAsync(long started, int sentMs, CancellationToken cancelRequested)
    {
        var ahead = TimeSpan.FromMilliseconds(sentMs) - time.GetElapsedTime(started);
        if (ahead <= TimeSpan.Zero)
        {
            return true;
        }

        try
        {
            await Task.Delay(ahead, time, cancelRequested);
            return true;
        }
        catch (OperationCanceledException) when (cancelRequested.IsCancellationRequested)
        {
            return false;
        }
    }

    private Task SendTextDeltaAsync(string gaName, string responseId, string itemId, string delta, CancellationToken token) =>
        sender.SendAsync(gaName, writer =>
        {
            WriteAddress(writer, responseId, itemId);
            writer.WriteString("delta", delta);
        }, token);

    private static void WriteAddress(Utf8JsonWriter writer, string responseId, string itemId)
    {
        writer.WriteString("response_id", responseId);
        writer.WriteString("item_id", itemId);
        writer.WriteNumber("output_index", 0);
        writer.WriteNumber("content_index", 0);
    }

    private static JsonObject Addressed(string responseId, string itemId, JsonObject fields)
    {
        var result = new JsonObject
        {
            ["response_id"] = responseId,
            ["item_id"] = itemId,
            ["output_index"] = 0,
            ["content_index"] = 0,
        };
        foreach (var (name, value) in fields.ToList())
        {
            fields.Remove(name);
            result[name] = value;
        }

        return result;
    }

    private static JsonObject Item(string itemId, string status, JsonArray content) => new()
    {
        ["id"] = itemId,
        ["object"] = "realtime.item",
        ["type"] = "message",
        ["status"] = status,
        ["role"] = "assistant",
        ["content"] = content,
    };

    private JsonObject Response(string responseId, RealtimeResponsePlan plan, string voice, string status, JsonObject? details, JsonArray output, JsonObject? usage)
    {
        var response = new JsonObject
        {
            ["id"] = responseId,
            ["object"] = "realtime.response",
            ["status"] = status,
            ["status_details"] = details,
            ["output"] = output,
            ["usage"] = usage,
            ["metadata"] = plan.Metadata?.DeepClone(),
            ["conversation_id"] = conversation.Id,
            ["max_output_tokens"] = "inf",
        };
        if (sender.Dialect == RealtimeDialect.Ga)
        {
            response["output_modalities"] = new JsonArray(plan.AudioOutput ? "audio" : "text");
            response["audio"] = new JsonObject { ["output"] = new JsonObject { ["format"] = new JsonObject { ["type"] = "audio/pcm", ["rate"] = 24000 }, ["voice"] = voice } };
        }
        else
        {
            response["modalities"] = plan.AudioOutput ? new JsonArray("text", "audio") : new JsonArray("text");
            response["voice"] = voice;
            response["output_audio_format"] = "pcm16";
        }

        return response;
    }

    /// <summary>Words with their following space, so the deltas join back into the text.</summary>
    private static List<string> SplitWords(string text)
    {
        var words = new List<string>();
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || (text[i - 1] == ' ' && text[i] != ' '))
            {
                words.Add(text[start..i]);
                start = i;
            }
        }

        return words;
    }
}

/// <summary>A running response's cancellation, and why it was cancelled (reported in <c>status_details.reason</c>).</summary>
internal sealed class ResponseCancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();

    public CancellationToken Token => _source.Token;

    /// <summary><c>client_cancelled</c> (response.cancel, the session ending) or <c>turn_detected</c> (new speech).</summary>
    public string Reason { get; private set; } = "client_cancelled";

    public Task CancelAsync(string reason = "client_cancelled")
    {
        if (!_source.IsCancellationRequested)
        {
            Reason = reason;
        }

        return _source.CancelAsync();
    }

    public void Dispose() => _source.Dispose();
}
