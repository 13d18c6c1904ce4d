using System.Text;
using TokenLab.Client.Speech;
using TokenLab.Client.Tests.Infrastructure;

namespace TokenLab.Client.Tests.Speech;

public sealed class SpeechEventAudioStreamTests
{
    [Fact]
    public async Task DecodesDeltasAcrossLineEndingsCommentsAndUnknownEvents()
    {
        string body =
            ": keep-alive\r\n\r\n" +
            "event: speech.audio.delta\r\ndata: {\"type\":\"speech.audio.delta\",\"audio\":\"" + B64("Hello, ") + "\"}\r\n\r\n" +
            "data: {\"type\":\"speech.audio.metadata\",\"voice\":\"alloy\"}\n\n" +
            "event: speech.audio.delta\rdata: {\"audio\":\"" + B64("world") + "\"}\r\r" +
            "data: {\"type\":\"speech.audio.done\",\n" +
            "data: \"usage\":{\"input_tokens\":14,\"output_tokens\":101,\"total_tokens\":115}}\n\n" +
            "data: [DONE]\n\n";
        var stream = new SpeechEventAudioStream(new NonSeekableStream(new MemoryStream(Encoding.UTF8.GetBytes(body)), 5), SecretRedactor.None);

        using var audio = new MemoryStream();
        await stream.CopyToAsync(audio);

        Assert.Equal("Hello, world", Encoding.UTF8.GetString(audio.ToArray()));
        Assert.True(stream.Completed);
        Assert.Equal(14, stream.Usage!.InputTokens);
        Assert.Equal(101, stream.Usage.OutputTokens);
        Assert.Equal(115, stream.Usage.TotalTokens);
    }

    [Theory]
    [InlineData("data: {\"type\":\"speech.audio.delta\",\"audio\":\"QUJD\"}\n\n")]
    [InlineData("data: {\"type\":\"speech.audio.delta\",\"audio\":\"not base64!\"}\n\n")]
    [InlineData("data: {\"type\":\"error\",\"error\":{\"message\":\"upstream failed\"}}\n\n")]
    [InlineData("data: {\"type\":\"speech.audio.done\"")]
    public async Task AnUnfinishedOrFailedStreamIsInvalidData(string body)
    {
        var stream = new SpeechEventAudioStream(new MemoryStream(Encoding.UTF8.GetBytes(body)), SecretRedactor.None);

        await Assert.ThrowsAsync<InvalidDataException>(() => stream.CopyToAsync(Stream.Null));
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
