using System.IO.Compression;
using System.Text;
using TokenLab.Client.Models;
using TokenLab.Client.Speech;
using TokenLab.Client.Tests.Infrastructure;
using TokenLab.Client.Transcription;

namespace TokenLab.Client.Tests;

/// <summary>
/// Success bodies a hostile or broken server might send: every body the client buffers has a cap that counts
/// decoded bytes, audio is never asked for compressed, and a string the JSON reader cannot read (a lone
/// surrogate escape, invalid UTF-8) reads U+FFFD instead of failing the call raw.
/// </summary>
public sealed class HostileBodyTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task AGzipBombToTheModelListIsRefusedAtTheCapInsteadOfInflated()
    {
        // About 4 MB of gzip that inflates to 4 GiB of JSON (whitespace between the brackets is valid JSON).
        byte[] spaces = Gzip(Enumerable.Repeat((byte)' ', 64 * MiB).ToArray());
        byte[] bomb = Gzip("{\"object\":\"list\",\"data\":["u8.ToArray())
            .Concat(Enumerable.Range(0, 64).SelectMany(_ => spaces))
            .Concat(Gzip("]}"u8.ToArray()))
            .ToArray();
        using var server = new RawHttpServer(async (_, stream, token) =>
        {
            await RawHttpServer.WriteHeadAsync(stream, "200 OK", "Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: " + bomb.Length + "\r\n", token);
            await stream.WriteAsync(bomb, token);
        });

        var error = await Assert.ThrowsAsync<TokenLabProtocolException>(() => server.CreateClient().ListModelsAsync(new ModelListQuery(), CancellationToken.None));

        Assert.InRange(bomb.Length, 3 * MiB, 5 * MiB);
        Assert.Contains("cap of 32 MiB", error.Message, StringComparison.Ordinal);
        Assert.Equal(RawHttpServer.RequestId, error.RequestId);
        Assert.Contains(RawHttpServer.RequestId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A300MBModelListIsRefusedAtTheCapAndNotReadToItsEnd()
    {
        const long declared = 300L * MiB;
        byte[] open = "{\"object\":\"list\",\"data\":["u8.ToArray();
        byte[] model = Encoding.ASCII.GetBytes("{\"id\":\"m\",\"object\":\"model\",\"padding\":\"" + new string('x', MiB - 64) + "\"},");
        using var server = new RawHttpServer(async (_, stream, token) =>
        {
            await RawHttpServer.WriteHeadAsync(stream, "200 OK", "Content-Type: application/json\r\nContent-Length: " + declared + "\r\n", token);
            await stream.WriteAsync(open, token);
            long left = declared - open.Length;
            for (; left > model.Length + 2; left -= model.Length)
            {
                await stream.WriteAsync(model, token);
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes("{}" + new string(' ', (int)left - 4) + "]}"), token);
        });

        var error = await Assert.ThrowsAsync<TokenLabProtocolException>(() => server.CreateClient().ListModelsAsync(new ModelListQuery(), CancellationToken.None));

        Assert.Contains("cap of 32 MiB", error.Message, StringComparison.Ordinal);
        Assert.Equal(RawHttpServer.RequestId, error.RequestId);
        server.Dispose();
        Assert.True(server.BytesWritten < declared, "The server wrote all " + server.BytesWritten + " bytes: the client read the body to its end.");
    }

    [Fact]
    public async Task AnEndlessTextTranscriptIsRefusedAtTheCap()
    {
        byte[] text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("and so on ", MiB / 10)));
        using var server = new RawHttpServer(async (_, stream, token) =>
        {
            await RawHttpServer.WriteHeadAsync(stream, "200 OK", "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n", token);
            await RawHttpServer.WriteChunksAsync(stream, text, 64, token);
        });
        var request = new TranscriptionRequest(AudioUpload.FromBytes(WavTestData.Create(0.5), "short.wav")) { ResponseFormat = TranscriptFormat.Text };

        var error = await Assert.ThrowsAsync<TokenLabProtocolException>(() => server.CreateClient().TranscribeAsync(request, null, CancellationToken.None));

        Assert.Contains("cap of 32 MiB", error.Message, StringComparison.Ordinal);
        Assert.Equal(RawHttpServer.RequestId, error.RequestId);
    }

    [Fact]
    public async Task AServerSentEventOfEndlessDataLinesIsRefusedAtTheEventCap()
    {
        // 1 MiB lines, each under the line cap, that never end their event with a blank line.
        byte[] line = Encoding.ASCII.GetBytes("data: " + new string('A', MiB) + "\n");
        using var server = new RawHttpServer(async (_, stream, token) =>
        {
            await RawHttpServer.WriteHeadAsync(stream, "200 OK", "Content-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n", token);
            await RawHttpServer.WriteChunksAsync(stream, line, 64, token);
        });
        var request = new SpeechRequest { Input = "Hello.", Voice = "alloy", Stream = true };

        var error = await Assert.ThrowsAsync<TokenLabProtocolException>(() =>
            server.CreateClient().CreateSpeechAsync(request, (audio, token) => audio.CopyToAsync(Stream.Null, token), null, CancellationToken.None));

        Assert.Contains("server-sent event is larger than the client's cap of 16 MiB", error.Message, StringComparison.Ordinal);
        Assert.Equal(RawHttpServer.RequestId, error.RequestId);
    }

    [Fact]
    public async Task AudioIsNeverAskedForCompressedWhileJsonIsAndIsDecoded()
    {
        byte[] models = Gzip("{\"object\":\"list\",\"data\":[{\"id\":\"tts-1\",\"object\":\"model\"}]}"u8.ToArray());
        byte[] audio = Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray();
        using var server = new RawHttpServer(async (request, stream, token) =>
        {
            bool speech = request.RequestLine.Contains("/v1/audio/speech", StringComparison.Ordinal);
            byte[] body = speech ? audio : models;
            await RawHttpServer.WriteHeadAsync(stream, "200 OK",
                (speech ? "Content-Type: audio/mpeg\r\n" : "Content-Type: application/json\r\nContent-Encoding: gzip\r\n") + "Content-Length: " + body.Length + "\r\n", token);
            await stream.WriteAsync(body, token);
        });
        TokenLabClient client = server.CreateClient();
        using var saved = new MemoryStream();

        var listed = await client.ListModelsAsync(new ModelListQuery(), CancellationToken.None);
        await client.CreateSpeechAsync(new SpeechRequest { Input = "Hello.", Voice = "alloy" }, (body, token) => body.CopyToAsync(saved, token), null, CancellationToken.None);

        Assert.Equal("tts-1", Assert.Single(listed.Value).Id);
        Assert.Equal(audio, saved.ToArray());
        RawHttpRequest[] requests = server.Requests.ToArray();
        Assert.Contains("gzip", requests[0].Headers["accept-encoding"], StringComparison.Ordinal);
        string speechEncoding = requests[1].Headers.GetValueOrDefault("accept-encoding") ?? "identity";
        Assert.DoesNotContain("gzip", speechEncoding, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("deflate", speechEncoding, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("br", speechEncoding, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task LoneSurrogateEscapesAndInvalidUtf8InAJsonBodyReadAsReplacementCharacters()
    {
        // An emoji cut in half (\ud83d with no low surrogate), a low surrogate alone, and the bytes FF FE, which are never UTF-8.
        byte[] body = Encoding.ASCII.GetBytes("{\"object\":\"list\",\"data\":[{\"id\":\"cut-\\ud83d\",\"object\":\"model\",\"owned_by\":\"\\ude00x\"},{\"id\":\"bytes-")
            .Concat(new byte[] { 0xFF, 0xFE })
            .Concat("\",\"object\":\"model\"}]}"u8.ToArray())
            .ToArray();
        using var server = new RawHttpServer(async (_, stream, token) =>
        {
            await RawHttpServer.WriteHeadAsync(stream, "200 OK", "Content-Type: application/json\r\nContent-Length: " + body.Length + "\r\n", token);
            await stream.WriteAsync(body, token);
        });

        var listed = await server.CreateClient().ListModelsAsync(new ModelListQuery(), CancellationToken.None);

        Assert.Equal(["cut-\uFFFD", "bytes-\uFFFD\uFFFD"], listed.Value.Select(m => m.Id));
        Assert.Equal("\uFFFDx", listed.Value[0].Provider);
    }

    [Fact]
    public async Task ALoneSurrogateInAnErrorBodyIsReadAsAnApiErrorNotARawException()
    {
        byte[] body = Encoding.ASCII.GetBytes("{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"bad_voice\",\"message\":\"No such voice: \\ud83d\"}}");
        using var server = new RawHttpServer(async (_, stream, token) =>
        {
            await RawHttpServer.WriteHeadAsync(stream, "400 Bad Request", "Content-Type: application/json\r\nContent-Length: " + body.Length + "\r\n", token);
            await stream.WriteAsync(body, token);
        });

        var error = await Assert.ThrowsAsync<TokenLabApiException>(() => server.CreateClient().ListModelsAsync(new ModelListQuery(), CancellationToken.None));

        Assert.Equal("bad_voice", error.ErrorCode);
        Assert.Contains("No such voice: \uFFFD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A503WhoseErrorBodyHasALoneSurrogateIsRetriedAsAny503()
    {
        byte[] unavailable = Encoding.ASCII.GetBytes("{\"error\":{\"type\":\"server_error\",\"code\":\"overloaded\",\"message\":\"Busy \\ud83d\"}}");
        byte[] models = "{\"object\":\"list\",\"data\":[{\"id\":\"tts-1\",\"object\":\"model\"}]}"u8.ToArray();
        int answered = 0;
        using var server = new RawHttpServer(async (_, stream, token) =>
        {
            bool first = Interlocked.Increment(ref answered) == 1;
            byte[] body = first ? unavailable : models;
            await RawHttpServer.WriteHeadAsync(stream, first ? "503 Service Unavailable" : "200 OK", "Content-Type: application/json\r\nContent-Length: " + body.Length + "\r\n", token);
            await stream.WriteAsync(body, token);
        });
        var client = new TokenLabClient(new TokenLabClientOptions
        {
            BaseUri = server.BaseUri,
            ApiKey = "sk-raw-http-test",
            MaxRetries = 1,
            Delay = (_, _) => Task.CompletedTask,
        });

        var listed = await client.ListModelsAsync(new ModelListQuery(), CancellationToken.None);

        Assert.Equal("tts-1", Assert.Single(listed.Value).Id);
        Assert.Equal(2, listed.Metadata.Attempts);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }

        return packed.ToArray();
    }
}
