using TokenLab.Client.Transcription;

namespace TokenLab.Client.Tests.Transcription;

public sealed class TranscriptJsonTests
{
    private const string VerboseJson = """
        {
          "task": "transcribe", "language": "english", "duration": 8.47, "text": " Hello there. General Kenobi. ",
          "segments": [
            { "id": 0, "seek": 0, "start": 0.0, "end": 2.52, "text": " Hello there.", "tokens": [50364, 2425], "temperature": 0.0,
              "avg_logprob": -0.25, "compression_ratio": 0.9, "no_speech_prob": 0.01, "speaker": "A", "type": "transcript.text.segment" },
            { "id": 1, "start": 2.52, "end": 8.47, "text": " General Kenobi." }
          ],
          "words": [ { "word": "Hello", "start": 0.0, "end": 0.5, "probability": 0.98 } ],
          "usage": { "type": "duration", "seconds": 9 },
          "logprobs": [ { "token": "Hello", "logprob": -0.1, "bytes": [72, 101] } ],
          "billing_transaction_id": "btx_1"
        }
        """;

    [Fact]
    public void EveryKnownFieldIsReadAndTheUnknownOnesAreKeptAtEveryLevel()
    {
        Transcript transcript = Transcript.Parse(VerboseJson, TranscriptFormat.VerboseJson);

        Assert.Equal("Hello there. General Kenobi.", transcript.Text);
        Assert.Equal(TimeSpan.FromSeconds(8.47), transcript.Duration);
        TranscriptSegment first = transcript.Segments[0];
        Assert.Equal((0, TimeSpan.FromSeconds(2.52), "Hello there."), (first.Seek!.Value, first.End, first.Text));
        Assert.Equal([50364L, 2425L], first.Tokens);
        Assert.Equal((0.0, -0.25, 0.9, 0.01, "A"), (first.Temperature!.Value, first.AvgLogprob!.Value, first.CompressionRatio!.Value, first.NoSpeechProb!.Value, first.Speaker));
        Assert.Equal("transcript.text.segment", first.AdditionalFields["type"]);
        Assert.Null(transcript.Segments[1].Seek);
        Assert.Equal(0.98, transcript.Words[0].AdditionalFields["probability"]);
        Assert.Equal(9L, ((IDictionary<string, object?>)transcript.AdditionalFields["usage"]!)["seconds"]);
        var logprobs = Assert.IsType<object?[]>(transcript.AdditionalFields["logprobs"]);
        Assert.Equal(new object?[] { 72L, 101L }, ((IDictionary<string, object?>)logprobs[0]!)["bytes"]);
        Assert.False(transcript.AdditionalFields.ContainsKey("billing_transaction_id"));
    }

    [Fact]
    public void WrittenJsonReadsBackToTheSameTranscript()
    {
        Transcript original = Transcript.Parse(VerboseJson, TranscriptFormat.VerboseJson);

        Transcript again = Transcript.Parse(original.ToJson(), TranscriptFormat.VerboseJson);

        Assert.Equal(original.ToJson(), again.ToJson());
        Assert.Equal(original.Segments.Select(s => (s.Id, s.Start, s.End, s.Text)), again.Segments.Select(s => (s.Id, s.Start, s.End, s.Text)));
        Assert.Equal(original.Words[0].AdditionalFields["probability"], again.Words[0].AdditionalFields["probability"]);
        Assert.Contains("\"usage\"", again.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void JsonWithOnlyTextIsATranscriptWithoutTimings()
    {
        Transcript transcript = Transcript.Parse("""{"text":"Grüße, 世界"}""", TranscriptFormat.Json);

        Assert.Equal("Grüße, 世界", transcript.Text);
        Assert.Null(transcript.Duration);
        Assert.Empty(transcript.Segments);
        Assert.Contains("Grüße, 世界", transcript.ToJson(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"x"}""")]
    [InlineData("[1,2]")]
    [InlineData("not json")]
    public void JsonWithoutTextIsRefused(string json) =>
        Assert.Throws<InvalidDataException>(() => Transcript.Parse(json, TranscriptFormat.Json));

    [Fact]
    public void PlainTextIsTrimmed() => Assert.Equal("Hello.", Transcript.Parse("Hello.\n", TranscriptFormat.Text).Text);
}
