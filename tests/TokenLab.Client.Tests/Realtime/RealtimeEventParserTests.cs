using System.Text;
using TokenLab.Client.Realtime;

namespace TokenLab.Client.Tests.Realtime;

public sealed class RealtimeEventParserTests
{
    [Theory]
    [InlineData("response.audio_transcript.done", "response.output_audio_transcript.done")]
    [InlineData("response.output_audio_transcript.done", "response.output_audio_transcript.done")]
    public void TranscriptsReadTheSameInBothDialects(string type, string gaType)
    {
        var parsed = Parse("{\"type\":\"" + type + "\",\"response_id\":\"resp_1\",\"item_id\":\"item_1\",\"transcript\":\"Hi.\"}");

        Assert.Equal(type, parsed.Type);
        Assert.Equal(gaType, parsed.GaType);
        Assert.Equal("Hi.", parsed.Transcript);
        Assert.Equal("resp_1", parsed.ResponseId);
        Assert.Equal("item_1", parsed.ItemId);
    }

    [Theory]
    [InlineData("{\"type\":\"response.output_audio.delta\",\"event_id\":\"e1\",\"response_id\":\"r1\",\"item_id\":\"i1\",\"delta\":\"AQID\"}")]
    [InlineData("{\"type\":\"response.audio.delta\",\"event_id\":\"e1\",\"response_id\":\"r1\",\"item_id\":\"i1\",\"delta\" : \"AQID\" }")]
    [InlineData("{\"delta\":\"AQID\",\"item_id\":\"i1\",\"type\":\"response.output_audio.delta\",\"event_id\":\"e1\",\"response_id\":\"r1\"}")]
    [InlineData("{\"type\":\"response.output_audio.delta\",\"delta\":\"AQID\",\"event_id\":\"e1\",\"response_id\":\"r1\",\"item_id\":\"i1\",\"extra\":{\"a\":[1,2]}}")]
    [InlineData("{\"type\":\"response.output_audio.delta\",\"event_id\":\"e1\",\"response_id\":\"r1\",\"item_id\":\"i1\",\"delta\":\"AQI\\u0044\"}")]
    public void AudioDeltasReadTheSameWhateverTheLayout(string json)
    {
        var parsed = Parse(json);

        Assert.Equal(RealtimeEventTypes.OutputAudioDelta, parsed.GaType);
        Assert.Equal([1, 2, 3], parsed.Audio);
        Assert.Equal(("e1", "r1", "i1"), (parsed.EventId, parsed.ResponseId, parsed.ItemId));
        Assert.Null(parsed.ParseError);
    }

    [Fact]
    public void UsageOfResponseDoneIsRead()
    {
        var parsed = Parse("""{"type":"response.done","response":{"id":"resp_9","status":"completed","usage":{"total_tokens":30,"input_tokens":10,"output_tokens":20,"input_token_details":{"text_tokens":4,"audio_tokens":6,"cached_tokens":2},"output_token_details":{"text_tokens":5,"audio_tokens":15}}}}""");

        Assert.Equal("resp_9", parsed.ResponseId);
        Assert.Equal("completed", parsed.ResponseStatus);
        Assert.Equal((30, 10, 20, 4, 6, 2, 5, 15), (parsed.Usage!.TotalTokens, parsed.Usage.InputTokens, parsed.Usage.OutputTokens,
            parsed.Usage.InputTextTokens, parsed.Usage.InputAudioTokens, parsed.Usage.CachedInputTokens, parsed.Usage.OutputTextTokens, parsed.Usage.OutputAudioTokens));
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("{\"no\":\"type\"}", "no type")]
    [InlineData("{\"type\":\"response.output_audio.delta\",\"delta\":\"@@@\"}", "not base64")]
    public void UnreadableMessagesAreKeptWithAReason(string json, string reason)
    {
        var parsed = Parse(json);

        Assert.Contains(reason, parsed.ParseError!.Replace("not a JSON object with a type", "no type", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(json, parsed.Json);
    }

    [Fact]
    public void UnknownTypesKeepTheirCommonFields()
    {
        var parsed = Parse("""{"type":"rate_limits.updated","event_id":"event_1","rate_limits":[]}""");

        Assert.Equal("rate_limits.updated", parsed.GaType);
        Assert.Equal("event_1", parsed.EventId);
        Assert.Null(parsed.ParseError);
    }

    private static RealtimeEvent Parse(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        return new RealtimeEvent(1, DateTimeOffset.UnixEpoch, utf8, RealtimeEventParser.Parse(utf8, SecretRedactor.None));
    }
}
