using System.Net;
using System.Net.Http;
using TokenLab.Client.Http;

namespace TokenLab.Client.Tests;

public sealed class ConfigurationTests
{
    private const string Key = "sk-config-test-zq81XKeyMustNotLeak";

    private static TokenLabConfigurationException Refused(Action<TokenLabClientOptions> configure)
    {
        var options = new TokenLabClientOptions();
        configure(options);
        var error = Assert.Throws<TokenLabConfigurationException>(() => new TokenLabClient(options));
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void KeyOverPlainHttpToAnotherHostIsRefused()
    {
        var error = Refused(o => { o.BaseUri = new Uri("http://api.example.test/"); o.ApiKey = Key; });
        Assert.Contains("plain http", error.Message, StringComparison.Ordinal);
        Assert.Contains("api.example.test", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("http://127.8.9.10/")]
    [InlineData("http://localhost:8080")]
    [InlineData("http://[::1]:8080/")]
    public void KeyOverPlainHttpToLoopbackIsAllowed(string uri)
    {
        var client = new TokenLabClient(new TokenLabClientOptions { BaseUri = new Uri(uri), ApiKey = Key });
        Assert.Equal(new Uri(uri), client.Options.BaseUri);
    }

    [Fact]
    public void KeyOverPlainHttpToLoopbackThroughARemoteProxyIsRefused()
    {
        var error = Refused(o =>
        {
            o.BaseUri = new Uri("http://127.0.0.1:5000/");
            o.ApiKey = Key;
            o.Proxy = new TokenLabProxySettings { Address = new Uri("http://proxy.example.test:3128/") };
        });
        Assert.Contains("through the proxy proxy.example.test", error.Message, StringComparison.Ordinal);

        // A proxy on this machine keeps the traffic on it; https is never refused.
        _ = new TokenLabClient(new TokenLabClientOptions { BaseUri = new Uri("http://127.0.0.1:5000/"), ApiKey = Key, Proxy = new TokenLabProxySettings { Address = new Uri("http://127.0.0.1:3128/") } });
        _ = new TokenLabClient(new TokenLabClientOptions { BaseUri = new Uri("https://api.example.test/"), ApiKey = Key, Proxy = new TokenLabProxySettings { Address = new Uri("http://proxy.example.test:3128/") } });
    }

    [Fact]
    public void PlainHttpWithoutKeyIsAllowed()
    {
        var client = new TokenLabClient(new TokenLabClientOptions { BaseUri = new Uri("http://api.example.test/") });
        Assert.Null(client.Options.ApiKey);
    }

    [Fact]
    public void BadOptionsAreRefused()
    {
        Refused(o => o.BaseUri = new Uri("/relative", UriKind.Relative));
        Refused(o => o.BaseUri = new Uri("ftp://example.test/"));
        Refused(o => o.BaseUri = null!);
        Refused(o => o.Timeout = TimeSpan.Zero);
        Refused(o => o.Timeout = TimeSpan.FromSeconds(-5));
        Refused(o => o.MaxRetries = -1);
        Refused(o => o.MaxRetries = 11);
        Refused(o => o.MaxRetryWait = TimeSpan.FromSeconds(-1));
        Refused(o => o.DeliveryPolicy = "auto\r\nX-Evil: 1");
        Refused(o => o.UserAgent = " ");
        Refused(o => o.ApiKey = Key + " \n");
    }

    [Fact]
    public void BoundaryValuesAreAccepted()
    {
        var client = new TokenLabClient(new TokenLabClientOptions { Timeout = Timeout.InfiniteTimeSpan, MaxRetries = 10, MaxRetryWait = TimeSpan.Zero });
        Assert.Equal(10, client.Options.MaxRetries);
        Assert.Equal(0, new TokenLabClient(new TokenLabClientOptions { MaxRetries = 0 }).Options.MaxRetries);
    }

    [Fact]
    public void DefaultsMatchTheContract()
    {
        var options = new TokenLabClientOptions();
        Assert.Equal(new Uri("https://api.tokenlab.sh/"), options.BaseUri);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
        Assert.Equal(3, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(60), options.MaxRetryWait);
        Assert.Equal(TimeSpan.FromSeconds(300), TokenLabDefaults.AudioTimeout);
    }

    [Fact]
    public void ClientKeepsACopyOfItsOptions()
    {
        var options = new TokenLabClientOptions { ApiKey = Key, MaxRetries = 2 };
        var client = new TokenLabClient(options);
        options.MaxRetries = 9;
        options.BaseUri = new Uri("http://api.example.test/");
        Assert.Equal(2, client.Options.MaxRetries);
        Assert.Equal(TokenLabDefaults.BaseUri, client.Options.BaseUri);
    }

    [Fact]
    public void HttpClientIsSharedPerBaseUriAndProxy()
    {
        var baseUri = new Uri("https://pool-test.example.test/");
        var proxy = new TokenLabProxySettings { Address = new Uri("http://proxy.example.test:3128/"), Credential = new NetworkCredential("u", "p") };

        Assert.Same(HttpClientPool.Get(baseUri, null), HttpClientPool.Get(baseUri, new TokenLabProxySettings()));
        Assert.Same(HttpClientPool.Get(baseUri, proxy), HttpClientPool.Get(baseUri, new TokenLabProxySettings { Address = proxy.Address, Credential = new NetworkCredential("u", "p") }));
        Assert.NotSame(HttpClientPool.Get(baseUri, null), HttpClientPool.Get(baseUri, proxy));
        Assert.NotSame(HttpClientPool.Get(baseUri, null), HttpClientPool.Get(new Uri("https://other.example.test/"), null));
        Assert.Equal(Timeout.InfiniteTimeSpan, HttpClientPool.Get(baseUri, null).Timeout);
    }

    [Fact]
    public void HandlerIsSocketsHttpHandlerWithoutRedirectsAndWithPooledLifetime()
    {
        using var handler = Assert.IsType<SocketsHttpHandler>(HttpHandlerFactory.Create(new TokenLabProxySettings { Address = new Uri("http://proxy.example.test:3128/") }, TransportPlatform.Current));
        Assert.False(handler.AllowAutoRedirect);
        Assert.Equal(TimeSpan.FromMinutes(5), handler.PooledConnectionLifetime);
        Assert.Equal(new Uri("http://proxy.example.test:3128/"), handler.Proxy!.GetProxy(new Uri("https://api.tokenlab.sh/")));
    }
}
