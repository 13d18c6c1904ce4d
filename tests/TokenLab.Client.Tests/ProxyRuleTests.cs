using System.Net;
using TokenLab.Client.Http;
using TokenLab.Client.Tests.Infrastructure;

namespace TokenLab.Client.Tests;

/// <summary>
/// One rule for every proxy the handler would use (explicit, environment, system): plain http or ws to loopback
/// never goes through a proxy that is not on loopback itself. The environment proxy is given to the client as
/// an object (like HTTP_PROXY without NO_PROXY would make), so no test changes the process's environment.
/// </summary>
public sealed class ProxyRuleTests
{
    private const string Key = "sk-proxy-rule-test-8d3b5e";
    private static readonly Uri ProxyElsewhere = new("http://proxy.tokenlab.invalid:3128/");

    [Theory]
    [InlineData("http://127.0.0.1:5000/v1/models", false)]
    [InlineData("http://localhost:5000/v1/models", false)]
    [InlineData("http://[::1]:5000/v1/models", false)]
    [InlineData("ws://127.0.0.1:5000/v1/realtime?model=gpt-realtime", false)]
    [InlineData("https://127.0.0.1:5000/v1/models", true)]
    [InlineData("https://api.tokenlab.sh/v1/models", true)]
    [InlineData("http://api.tokenlab.invalid/v1/models", true)]
    public void AProxyElsewhereIsNeverUsedForPlainHttpToLoopbackWhateverItsSource(string destination, bool proxied)
    {
        var environmentProxy = new EnvironmentLikeProxy(ProxyElsewhere);
        using var systemHandler = Assert.IsType<SocketsHttpHandler>(HttpHandlerFactory.Create(null, TransportPlatform.Current.WithSystemProxy(environmentProxy)));
        using var explicitHandler = Assert.IsType<SocketsHttpHandler>(HttpHandlerFactory.Create(new TokenLabProxySettings { Address = ProxyElsewhere }, TransportPlatform.Current));

        using var frameworkHandler = Assert.IsAssignableFrom<DelegatingHandler>(
            HttpHandlerFactory.Create(null, TransportPlatform.NetFramework(SecurityProtocolType.Tls12).WithSystemProxy(environmentProxy)));
        IWebProxy frameworkProxy = Assert.IsType<HttpClientHandler>(frameworkHandler.InnerHandler).Proxy!;

        foreach (IWebProxy proxy in new[] { systemHandler.Proxy!, explicitHandler.Proxy!, frameworkProxy })
        {
            var uri = new Uri(destination);
            Assert.Equal(!proxied, proxy.IsBypassed(uri));
            Assert.Equal(proxied ? ProxyElsewhere : null, proxy.GetProxy(uri));
        }
    }

    [Fact]
    public void AProxyOnLoopbackMayCarryPlainHttpToLoopback()
    {
        var onLoopback = new Uri("http://127.0.0.1:8888/");
        using var handler = Assert.IsType<SocketsHttpHandler>(HttpHandlerFactory.Create(null, TransportPlatform.Current.WithSystemProxy(new EnvironmentLikeProxy(onLoopback))));

        Assert.Equal(onLoopback, handler.Proxy!.GetProxy(new Uri("http://127.0.0.1:5000/v1/models")));
    }

    [Fact]
    public async Task TheEnvironmentProxyGivenToTheClientIsWhatItsRequestsUse()
    {
        // The raw server plays the proxy (on loopback, so the rule lets it carry the request) and answers 404.
        using var proxy = new RawHttpServer(_ => RawHttpServer.Json("404 Not Found", "{\"error\":{\"type\":\"not_found\",\"message\":\"no such model\"}}"));
        var baseUri = new Uri("http://127.0.0.1:" + ClosedPort() + "/");
        var client = new TokenLabClient(new TokenLabClientOptions { BaseUri = baseUri, ApiKey = Key, MaxRetries = 0, Platform = TransportPlatform.Current.WithSystemProxy(new EnvironmentLikeProxy(proxy.BaseUri)) });

        var error = await Assert.ThrowsAsync<TokenLabApiException>(() => client.GetModelAsync("tts-1", CancellationToken.None));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal(new Uri(baseUri, "v1/models/tts-1").AbsoluteUri, Assert.Single(proxy.Requests).Target);
    }

    [Fact]
    public void AProxyPasswordInTheUriBecomesTheCredentialAndLeavesTheAddress()
    {
        var settings = new TokenLabProxySettings { Address = new Uri("http://proxy%20user:p%40ss:w0rd@proxy.contoso.invalid:8080/") };

        Assert.Equal(new Uri("http://proxy.contoso.invalid:8080/"), settings.Address);
        Assert.Equal("proxy user", settings.Credential!.UserName);
        Assert.Equal("p@ss:w0rd", settings.Credential.Password);

        // A credential given on its own wins over the URI's user info, which is still taken out.
        var both = new TokenLabProxySettings { Credential = new NetworkCredential("given", "given-pw") };
        both.Address = new Uri("http://other:pw@proxy.contoso.invalid:8080/");
        Assert.Equal("given", both.Credential.UserName);
        Assert.DoesNotContain("pw@", both.Address!.AbsoluteUri, StringComparison.Ordinal);

        using var handler = Assert.IsType<SocketsHttpHandler>(HttpHandlerFactory.Create(settings, TransportPlatform.Current));
        Assert.Equal("p@ss:w0rd", handler.Proxy!.Credentials!.GetCredential(settings.Address, "Basic")!.Password);
    }

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>What HTTP_PROXY without NO_PROXY gives: the one proxy for every destination, nothing bypassed.</summary>
    private sealed class EnvironmentLikeProxy(Uri proxy) : IWebProxy
    {
        public ICredentials? Credentials { get; set; }

        public Uri? GetProxy(Uri destination) => proxy;

        public bool IsBypassed(Uri host) => false;
    }
}
