using System.Net;
using System.Net.Http;
using System.Security.Authentication;
using TokenLab.Client.Http;
using TokenLab.Client.Tests.Infrastructure;

namespace TokenLab.Client.Tests.NetFramework;

/// <summary>
/// The .NET Framework transport (HttpClientHandler, ServicePoint) configured through the injected platform,
/// so it runs here on .NET 10 as well as on the real .NET Framework (the net472 target). Test names say
/// where the two runtimes behave differently.
/// </summary>
public sealed class FrameworkHandlerTests
{
#pragma warning disable SYSLIB0014 // ServicePointManager is what .NET Framework's HttpClientHandler follows.
#pragma warning disable CS0618, SYSLIB0039 // SSL 3 and TLS 1.0/1.1: what Windows PowerShell offers by default.
    private static readonly TransportPlatform Framework = TransportPlatform.NetFramework(SecurityProtocolType.SystemDefault);

    [Fact]
    public void FrameworkHandler_AllowsTheHighestThrottleInFlight_WhereNetFrameworkWouldAllowTwoPerHost()
    {
        using HttpMessageHandler created = HttpHandlerFactory.Create(null, Framework);

        HttpClientHandler handler = FrameworkHandlerOf(created);
        Assert.Equal(TokenLabDefaults.MaxParallelRequests, handler.MaxConnectionsPerServer);
        Assert.True(TokenLabDefaults.MaxParallelRequests >= 64);
        Assert.False(handler.AllowAutoRedirect);
    }

    [Theory]
    [InlineData(SecurityProtocolType.SystemDefault, SslProtocols.None)]
    [InlineData(SecurityProtocolType.Tls12, SslProtocols.None)]
    [InlineData(SecurityProtocolType.Tls | SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12, SslProtocols.None)]
    [InlineData((SecurityProtocolType)12288, SslProtocols.None)]
    [InlineData(SecurityProtocolType.Tls, SslProtocols.Tls | SslProtocols.Tls12)]
    [InlineData(SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls, SslProtocols.Tls | SslProtocols.Tls12)]
    [InlineData(SecurityProtocolType.Tls | SecurityProtocolType.Tls11, SslProtocols.Tls | SslProtocols.Tls11 | SslProtocols.Tls12)]
    public void FrameworkHandlerTls_IsTheSystemDefaultUnlessTheProcessLacksTls12_NetIgnoresServicePointManager(SecurityProtocolType process, SslProtocols expected)
    {
        SecurityProtocolType before = ServicePointManager.SecurityProtocol;

        using HttpMessageHandler created = HttpHandlerFactory.Create(null, TransportPlatform.NetFramework(process));

        Assert.Equal(expected, FrameworkHandlerOf(created).SslProtocols);
        Assert.Equal(expected != SslProtocols.None, HttpHandlerFactory.LacksTls12(process));
        Assert.Equal(before, ServicePointManager.SecurityProtocol);
    }

    [Fact]
    public async Task PooledClient_SendsNoExpect100Continue_WhichNetFrameworkAddsToEveryPostByDefault()
    {
        using var server = new LoopbackHttpServer();
        HttpClient client = HttpClientPool.Get(server.BaseUri, null, Framework);

        using HttpResponseMessage response = await client.PostAsync(new Uri(server.BaseUri, "v1/audio/speech"), new StringContent("{\"input\":\"x\"}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(client.DefaultRequestHeaders.ExpectContinue);
        string head = Assert.Single(server.RequestHeads);
        Assert.StartsWith("POST /v1/audio/speech ", head, StringComparison.Ordinal);
        Assert.DoesNotContain("Expect:", head, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FrameworkHandler_LeasesConnectionsOfItsOwnServicePointOnly_NetRecyclesThemThroughPooledConnectionLifetime()
    {
        using var ours = new LoopbackHttpServer();
        using var other = new LoopbackHttpServer();
        using var preset = new LoopbackHttpServer();
        ServicePointManager.FindServicePoint(preset.BaseUri).ConnectionLeaseTimeout = 1234;

        using var client = new HttpClient(HttpHandlerFactory.Create(null, Framework));
        using (await client.GetAsync(new Uri(ours.BaseUri, "v1/models")))
        using (await client.GetAsync(new Uri(preset.BaseUri, "v1/models")))
        {
        }

        Assert.Equal((int)HttpHandlerFactory.PooledConnectionLifetime.TotalMilliseconds, ServicePointManager.FindServicePoint(ours.BaseUri).ConnectionLeaseTimeout);
        Assert.Equal(Timeout.Infinite, ServicePointManager.FindServicePoint(other.BaseUri).ConnectionLeaseTimeout);
        Assert.Equal(1234, ServicePointManager.FindServicePoint(preset.BaseUri).ConnectionLeaseTimeout);
    }

    private static HttpClientHandler FrameworkHandlerOf(HttpMessageHandler created) =>
        Assert.IsType<HttpClientHandler>(Assert.IsType<ServicePointLeaseHandler>(created).InnerHandler);
#pragma warning restore CS0618, SYSLIB0039
#pragma warning restore SYSLIB0014
}
