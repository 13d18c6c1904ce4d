using System.Net.Http.Headers;
using System.Text;

namespace TokenLab.Emulator.Tests;

/// <summary>Error messages are the emulator's own words: no .NET exception text or type names, as from the service.</summary>
public sealed class ErrorMessageTests : IClassFixture<EmulatorFixture>
{
    private static readonly string[] DotNetWords = ["System.", "Exception", "LineNumber", "BytePositionInLine", "Path: $", "JsonValue", "JsonElement", "Nullable", "Int32", "String'"];

    private readonly EmulatorFixture _emulator;

    public ErrorMessageTests(EmulatorFixture emulator)
    {
        emulator.Reset();
        _emulator = emulator;
    }

    [Fact]
    public async Task AnUnreadableSpeechBodySaysWhereItBreaks()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/audio/speech") { Content = new StringContent("{\"model\": \"tts-1\",\n \"input\": ]", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorOptions.DefaultApiKey);
        using var response = await _emulator.Client.SendAsync(request);
        var message = (await response.ReadJsonAsync()).GetProperty("error").GetProperty("message").GetString()!;

        Assert.Equal("The request body is not valid JSON: it breaks at line 2, byte 11.", message);
    }

    [Fact]
    public async Task AMalformedMultipartBodyIsDescribedWithoutTheReadersWords()
    {
        var content = new ByteArrayContent("--b\r\nthis is not a header line\r\n\r\nwhisper-1\r\n--b--\r\n"u8.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        using var response = await AudioUploads.PostAsync(_emulator.Client, "/v1/audio/transcriptions", content);
        var message = (await response.ReadJsonAsync()).GetProperty("error").GetProperty("message").GetString()!;

        Assert.StartsWith("The multipart body is malformed: ", message, StringComparison.Ordinal);
        AssertNoDotNetWords(message);
    }

    [Theory]
    [InlineData("""{"type":"session.update","session":{"type":"realtime","instructions":7}}""")]
    [InlineData("""{"type":"session.update","session":{"type":"realtime","audio":{"output":{"voice":["marin"]}}}}""")]
    [InlineData("""{"type":"response.create","response":{"output_modalities":"audio"}}""")]
    [InlineData("""{"type":"session.update","session":{"type":"realtime"},""")]
    public async Task RealtimeErrorsDoNotCarryExceptionText(string json)
    {
        await using var socket = await RealtimeTestSocket.ConnectAsync(_emulator.Server.BaseUri, "gpt-realtime");
        await socket.ReceiveTypeAsync("session.created");

        await socket.SendAsync(json);
        var message = (await socket.ReceiveTypeAsync("error")).GetProperty("error").GetProperty("message").GetString()!;

        AssertNoDotNetWords(message);
    }

    private static void AssertNoDotNetWords(string message) =>
        Assert.All(DotNetWords, word => Assert.DoesNotContain(word, message, StringComparison.Ordinal));
}
