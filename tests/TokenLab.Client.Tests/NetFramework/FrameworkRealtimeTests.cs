using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using TokenLab.Client.Http;
using TokenLab.Client.Realtime;
using TokenLab.Client.Tests.Infrastructure;

namespace TokenLab.Client.Tests.NetFramework;

/// <summary>
/// The realtime handshake's .NET Framework path (ClientWebSocket's own handshake, no HttpMessageInvoker)
/// against the emulator, through the injected platform. On .NET 10 ClientWebSocket lets every header
/// through; .NET Framework's refuses User-Agent and Accept, which the connector then leaves out.
/// </summary>
public sealed class FrameworkRealtimeTests : IClassFixture<EmulatorFixture>
{
#pragma warning disable SYSLIB0014 // WebRequest and ServicePointManager: what .NET Framework's ClientWebSocket is built on.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private readonly EmulatorFixture emulator;

    public FrameworkRealtimeTests(EmulatorFixture emulator)
    {
        this.emulator = emulator;
        emulator.Reset();
    }

    [Fact]
    public async Task FrameworkHandshake_SendsTheUserAgentAndTracesTheUpgrade_NetFrameworkLeavesOutTheHeadersItReserves()
    {
        var test = emulator.CreateClient(o => o.Platform = TransportPlatform.NetFramework(SecurityProtocolType.SystemDefault));

        using (RealtimeSession session = await test.Client.ConnectRealtimeAsync("gpt-realtime", null, Limit()))
        {
            await session.WaitUntilCreatedAsync(Limit());
            Assert.Null(session.RequestId);
        }

        var upgrade = Assert.Single(emulator.Requests, r => r.Path == "/v1/realtime");
        Assert.Equal(RequestHeaders.DefaultUserAgent, upgrade.Headers["User-Agent"]);
        Assert.Contains(test.Trace.VerboseLines, line => line.StartsWith("GET ws://", StringComparison.Ordinal) && line.EndsWith("/v1/realtime?model=gpt-realtime", StringComparison.Ordinal));
        Assert.Contains("> Authorization: Bearer <redacted>", test.Trace.DebugLines);
        Assert.Contains("> User-Agent: " + RequestHeaders.DefaultUserAgent, test.Trace.DebugLines);
        Assert.Contains(test.Trace.VerboseLines, line => line.StartsWith("101 Switching Protocols in ", StringComparison.Ordinal));
        Assert.All(test.Trace.AllLines, line => Assert.DoesNotContain(EmulatorFixture.ApiKey, line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FrameworkHandshake_RejectionIsReadFromTheWebExceptionResponse_AsNetReadsItFromTheHandler()
    {
        // What .NET Framework's ClientWebSocket throws for a 401: its own socket disposed, then a
        // WebSocketException around the HttpWebRequest's WebException, whose Response holds the answer.
        const string unknownKey = "sk-unknown-realtime-key-0002";
        Task ConnectAsNetFrameworkDoes(ClientWebSocket socket, Uri uri, CancellationToken token) =>
            Task.Run(() =>
            {
                var request = WebRequest.CreateHttp(new UriBuilder(uri) { Scheme = "http" }.Uri);
                request.Headers[HttpRequestHeader.Authorization] = "Bearer " + unknownKey;
                try
                {
                    request.GetResponse().Dispose();
                }
                catch (WebException rejected)
                {
                    socket.Dispose();
                    throw new WebSocketException("Unable to connect to the remote server", rejected);
                }
            });
        var test = emulator.CreateClient(o =>
        {
            o.ApiKey = unknownKey;
            o.Platform = TransportPlatform.NetFramework(SecurityProtocolType.SystemDefault, connectWebSocket: ConnectAsNetFrameworkDoes);
        });

        var error = await Assert.ThrowsAsync<TokenLabApiException>(() => test.Client.ConnectRealtimeAsync("gpt-realtime", null, Limit()));

        var upgrade = Assert.Single(emulator.Requests);
        Assert.Equal(401, error.StatusCode);
        Assert.Equal("invalid_api_key", error.ErrorCode);
        Assert.Equal(upgrade.RequestId, error.RequestId);
        Assert.Contains(test.Trace.VerboseLines, line => line.StartsWith("401 in ", StringComparison.Ordinal) && line.EndsWith(", request ID " + upgrade.RequestId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WindowsWithoutAWebSocketClient_IsAClearConnectionError_NetHasAManagedOneEverywhere()
    {
        var test = emulator.CreateClient(o => o.Platform = TransportPlatform.NetFramework(
            SecurityProtocolType.SystemDefault,
            createWebSocket: () => throw new PlatformNotSupportedException("The WebSocket protocol is not supported on this platform.")));

        var error = await Assert.ThrowsAsync<TokenLabConnectionException>(() => test.Client.ConnectRealtimeAsync("gpt-realtime", null, Limit()));

        Assert.IsType<PlatformNotSupportedException>(error.InnerException);
        Assert.Contains("Windows 8 and Windows Server 2012", error.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Requests);
    }

    [Theory]
    [InlineData(SecurityProtocolType.Tls, true)]
    [InlineData(SecurityProtocolType.SystemDefault, false)]
    [InlineData(SecurityProtocolType.Tls12, false)]
    public async Task FrameworkWssFailure_NamesTheMissingTls12WithoutChangingTheProcess_NetHandshakesFollowTheSystem(SecurityProtocolType process, bool hinted)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Task closeFirstConnection = Task.Run(async () =>
        {
            using TcpClient connection = await listener.AcceptTcpClientAsync();
        });
        SecurityProtocolType before = ServicePointManager.SecurityProtocol;
        var test = emulator.CreateClient(o =>
        {
            o.BaseUri = new Uri("https://127.0.0.1:" + ((IPEndPoint)listener.LocalEndpoint).Port + "/");
            o.Platform = TransportPlatform.NetFramework(process);
        });

        var error = await Assert.ThrowsAsync<TokenLabConnectionException>(() => test.Client.ConnectRealtimeAsync("gpt-realtime", null, Limit()));
        await closeFirstConnection;

        Assert.StartsWith("Could not open the realtime WebSocket to wss://127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.Equal(hinted, error.Message.Contains("TokenLab needs TLS 1.2", StringComparison.Ordinal));
        Assert.Equal(before, ServicePointManager.SecurityProtocol);
    }

    private static CancellationToken Limit() => new CancellationTokenSource(Bound).Token;
#pragma warning restore SYSLIB0014
}
