using System.Net.Http;
using System.Net.Http.Headers;
using TokenLab.Client.Http;
using TokenLab.Client.Tests.Infrastructure;
using TokenLab.Emulator.Faults;

namespace TokenLab.Client.Tests;

/// <summary>The send core that later features (speech download, uploads, task polling) build on.</summary>
public sealed class InternalSendApiTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture emulator;

    public InternalSendApiTests(EmulatorFixture emulator)
    {
        this.emulator = emulator;
        emulator.Reset();
    }

    [Fact]
    public async Task FactoryBuildsAFreshRequestPerAttemptAndTheBodyStreams()
    {
        var test = emulator.CreateClient();
        emulator.AddFault(new FaultSpec { Status = 503 });
        var built = new List<HttpRequestMessage>();
        Uri uri = test.Client.BuildUri("v1/models/whisper-1", []);

        using TokenLabHttpResponse response = await test.Client.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("audio/mpeg"));
                built.Add(request);
                return request;
            },
            CancellationToken.None);
        byte[] body = await response.ReadBodyAsync(async (stream, token) =>
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, token);
            return copy.ToArray();
        });

        Assert.Equal(2, built.Count);
        Assert.NotSame(built[0], built[1]);
        Assert.All(emulator.Requests, r => Assert.Equal("audio/mpeg", r.Headers["Accept"]));
        Assert.Contains("\"id\":\"whisper-1\"", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        ResponseMetadata metadata = response.CreateMetadata(null);
        Assert.Equal(2, metadata.Attempts);
        Assert.Equal(emulator.Requests[1].RequestId, metadata.RequestId);
    }

    [Fact]
    public async Task CutOffBodyReadAsAStreamIsAProtocolError()
    {
        var test = emulator.CreateClient();
        emulator.AddFault(new FaultSpec { Kind = FaultKind.Truncate });
        Uri uri = test.Client.BuildUri("v1/models", [new("view", "compact")]);

        using TokenLabHttpResponse response = await test.Client.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), CancellationToken.None);

        var error = await Assert.ThrowsAsync<TokenLabProtocolException>(() => response.ReadBodyAsync(async (stream, token) =>
        {
            await stream.CopyToAsync(Stream.Null, token);
            return true;
        }));

        Assert.IsAssignableFrom<IOException>(error.InnerException);
    }

    [Fact]
    public async Task BillingTransactionIdIsReadFromTheBody()
    {
        var test = emulator.CreateClient();
        emulator.AddFault(new FaultSpec { Status = 200, ContentType = "application/json", RawBody = """{"object":"list","data":[],"billing_transaction_id":"btx_123"}""" });

        var response = await test.Client.ListModelsAsync(new ModelListQuery(), CancellationToken.None);

        Assert.Empty(response.Value);
        Assert.Equal("btx_123", response.Metadata.BillingTransactionId);
    }

    [Theory]
    [InlineData("<html><body>Maintenance</body></html>")]
    [InlineData("""{"object":"list"}""")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public async Task SuccessBodyOfTheWrongShapeIsAProtocolError(string body)
    {
        var test = emulator.CreateClient();
        emulator.AddFault(new FaultSpec { Status = 200, ContentType = "application/json", RawBody = body });

        var error = await Assert.ThrowsAsync<TokenLabProtocolException>(() => test.Client.ListModelsAsync(new ModelListQuery(), CancellationToken.None));

        Assert.Single(emulator.Requests);
        Assert.Equal(emulator.Requests[0].RequestId, error.RequestId);
    }
}
