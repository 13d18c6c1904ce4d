using System.Net.WebSockets;
using System.Text.Json;

namespace TokenLab.Emulator.Tests;

/// <summary>What real realtime traffic carries: content part types per schema, IDs and limits, subprotocols, item management.</summary>
public sealed class RealtimeProtocolTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _emulator;

    public RealtimeProtocolTests(EmulatorFixture emulator)
    {
        emulator.Reset();
        _emulator = emulator;
    }

    [Theory]
    [InlineData(false, "audio", "audio", "output_audio")]
    [InlineData(false, "text", "text", "output_text")]
    [InlineData(true, "audio", "audio", "audio")]
    [InlineData(true, "text", "text", "text")]
    public async Task ContentPartsAndItemContentFollowTheSchemaOfTheDialect(bool beta, string modality, string partType, string itemContentType)
    {
        await using var socket = await RealtimeTestSocket.ConnectAsync(_emulator.Server.BaseUri, "gpt-realtime", beta: beta);
        await socket.ReceiveTypeAsync("session.created");

        var modalities = beta ? "\"modalities\":[\"text\"" + (modality == "audio" ? ",\"audio\"" : string.Empty) + "]" : "\"output_modalities\":[\"" + modality + "\"]";
        await socket.SendAsync("{\"type\":\"response.create\",\"response\":{" + modalities + "}}");
        var events = await socket.ReceiveUntilAsync("response.done");

        Assert.Equal(partType, Single(events, "response.content_part.added").GetProperty("part").GetProperty("type").GetString());
        Assert.Equal(partType, Single(events, "response.content_part.done").GetProperty("part").GetProperty("type").GetString());
        Assert.Equal(itemContentType, Single(events, "response.output_item.done").GetProperty("item").GetProperty("content")[0].GetProperty("type").GetString());
        Assert.Equal(itemContentType, events[^1].GetProperty("response").GetProperty("output")[0].GetProperty("content")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task SessionsAndResponsesCarryTheirIdsExpiryAndRateLimits()
    {
        await using var socket = await RealtimeTestSocket.ConnectAsync(_emulator.Server.BaseUri, "gpt-realtime");
        var session = (await socket.ReceiveTypeAsync("session.created")).GetProperty("session");

        await socket.SendAsync(new { type = "response.create" });
        var first = (await socket.ReceiveTypeAsync("response.done")).GetProperty("response");
        var limits = (await socket.ReceiveAsync())!.Value;
        await socket.SendAsync(new { type = "response.create" });
        var second = (await socket.ReceiveTypeAsync("response.done")).GetProperty("response");
        var laterLimits = await socket.ReceiveTypeAsync("rate_limits.updated");

        Assert.True(session.GetProperty("expires_at").GetInt64() > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.StartsWith("conv_", first.GetProperty("conversation_id").GetString());
        Assert.Equal(first.GetProperty("conversation_id").GetString(), second.GetProperty("conversation_id").GetString());
        Assert.Equal("rate_limits.updated", RealtimeTestSocket.Type(limits));
        Assert.StartsWith("event_", limits.GetProperty("event_id").GetString());
        Assert.Equal(["requests", "tokens"], limits.GetProperty("rate_limits").EnumerateArray().Select(limit => limit.GetProperty("name").GetString()));
        Assert.Equal(Remaining(limits, "requests") - 1, Remaining(laterLimits, "requests"));
        Assert.Equal(Remaining(limits, "tokens") - second.GetProperty("usage").GetProperty("total_tokens").GetInt32(), Remaining(laterLimits, "tokens"));
    }

    [Theory]
    [InlineData(new[] { "realtime" }, "realtime", "realtime")]
    [InlineData(new[] { "realtime", "openai-insecure-api-key.sk-emulator-local-key" }, "realtime", "realtime")]
    [InlineData(new[] { "openai-beta.realtime-v1" }, "openai-beta.realtime-v1", "beta")]
    public async Task AnOfferedSubprotocolIsEchoed(string[] offered, string echoed, string dialect)
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + EmulatorOptions.DefaultApiKey);
        foreach (var protocol in offered)
        {
            socket.Options.AddSubProtocol(protocol);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(RealtimeTestSocket.WebSocketUri(_emulator.Server.BaseUri, "gpt-realtime"), timeout.Token);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);

        Assert.Equal(echoed, socket.SubProtocol);
        Assert.Equal(dialect == "beta" ? "beta" : "ga", _emulator.Server.RealtimeSessions.Snapshot().Single().Dialect);
    }

    [Fact]
    public async Task ItemsCanBeRetrievedTruncatedAndDeleted()
    {
        await using var socket = await RealtimeTestSocket.ConnectAsync(_emulator.Server.BaseUri, "gpt-realtime");
        await socket.ReceiveTypeAsync("session.created");
        await socket.SendAsync(new { type = "conversation.item.create", item = new { type = "message", role = "user", content = new[] { new { type = "input_text", text = "Hi" } } } });
        var userItem = (await socket.ReceiveTypeAsync("conversation.item.done")).GetProperty("item").GetProperty("id").GetString();
        await socket.SendAsync(new { type = "response.create" });
        var reply = (await socket.ReceiveTypeAsync("response.done")).GetProperty("response").GetProperty("output")[0].GetProperty("id").GetString();

        await socket.SendAsync(new { type = "conversation.item.retrieve", item_id = userItem });
        var retrieved = (await socket.ReceiveTypeAsync("conversation.item.retrieved")).GetProperty("item");
        await socket.SendAsync(new { type = "conversation.item.truncate", item_id = reply, content_index = 0, audio_end_ms = 100 });
        var truncated = await socket.ReceiveTypeAsync("conversation.item.truncated");
        await socket.SendAsync(new { type = "conversation.item.truncate", item_id = reply, content_index = 0, audio_end_ms = 200, event_id = "evt_past" });
        var pastEnd = (await socket.ReceiveTypeAsync("error")).GetProperty("error");
        await socket.SendAsync(new { type = "conversation.item.delete", item_id = userItem });
        var deleted = await socket.ReceiveTypeAsync("conversation.item.deleted");
        await socket.SendAsync(new { type = "conversation.item.retrieve", item_id = userItem, event_id = "evt_gone" });
        var gone = (await socket.ReceiveTypeAsync("error")).GetProperty("error");

        Assert.Equal("Hi", retrieved.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(100, truncated.GetProperty("audio_end_ms").GetInt32());
        Assert.Equal(("evt_past", "audio_end_ms"), (pastEnd.GetProperty("event_id").GetString(), pastEnd.GetProperty("param").GetString()));
        Assert.Equal(userItem, deleted.GetProperty("item_id").GetString());
        Assert.Equal(("evt_gone", "item_id"), (gone.GetProperty("event_id").GetString(), gone.GetProperty("param").GetString()));
    }

    [Fact]
    public async Task CancellingAnotherResponseIdIsRefused()
    {
        await using var socket = await RealtimeTestSocket.ConnectAsync(_emulator.Server.BaseUri, "gpt-realtime");
        await socket.ReceiveTypeAsync("session.created");

        await socket.SendAsync("""{"type":"response.create","response":{"metadata":{"emulator_audio_ms":"600000"}}}""");
        var created = (await socket.ReceiveTypeAsync("response.created")).GetProperty("response").GetProperty("id").GetString();
        await socket.SendAsync(new { type = "response.cancel", response_id = "resp_other", event_id = "evt_other" });
        var refused = (await socket.ReceiveTypeAsync("error")).GetProperty("error");
        await socket.SendAsync(new { type = "response.cancel", response_id = created });
        var done = (await socket.ReceiveTypeAsync("response.done")).GetProperty("response");

        Assert.Equal("response_cancel_not_active", refused.GetProperty("code").GetString());
        Assert.Equal("cancelled", done.GetProperty("status").GetString());
    }

    private static JsonElement Single(List<JsonElement> events, string type) => events.Single(e => RealtimeTestSocket.Type(e) == type);

    private static long Remaining(JsonElement limits, string name) =>
        limits.GetProperty("rate_limits").EnumerateArray().Single(limit => limit.GetProperty("name").GetString() == name).GetProperty("remaining").GetInt64();
}
