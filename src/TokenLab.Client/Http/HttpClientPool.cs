using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading;

namespace TokenLab.Client.Http
{
    /// <summary>
    /// One long-lived HttpClient per (base URI, proxy settings), shared by every client in the
    /// process, so connections are reused instead of exhausting sockets.
    /// </summary>
    internal static class HttpClientPool
    {
        private static readonly ConcurrentDictionary<PoolKey, Lazy<HttpClient>> Clients =
            new ConcurrentDictionary<PoolKey, Lazy<HttpClient>>();

        public static HttpClient Get(Uri baseUri, TokenLabProxySettings? proxy) => Get(baseUri, proxy, TransportPlatform.Current);

        public static HttpClient Get(Uri baseUri, TokenLabProxySettings? proxy, TransportPlatform platform) =>
            Clients.GetOrAdd(KeyOf(baseUri, proxy, platform), _ => new Lazy<HttpClient>(() => Create(proxy, platform))).Value;

        private static HttpClient Create(TokenLabProxySettings? proxy, TransportPlatform platform)
        {
            // The per-call timeout is a cancellation token, so the client itself never times out.
            var client = new HttpClient(HttpHandlerFactory.Create(proxy, platform), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

            // .NET Framework sends "Expect: 100-continue" with every POST and waits up to 350 ms for an interim
            // answer that many servers and proxies never send; .NET (Core) sends it only when asked to.
            client.DefaultRequestHeaders.ExpectContinue = false;
            return client;
        }

        private static PoolKey KeyOf(Uri baseUri, TokenLabProxySettings? proxy, TransportPlatform platform) => new PoolKey(
            platform,
            baseUri.AbsoluteUri,
            proxy?.Address?.AbsoluteUri,
            proxy?.Credential?.UserName,
            proxy?.Credential?.Domain,
            proxy?.Credential?.Password,
            proxy?.UseDefaultCredentials == true);

        private readonly struct PoolKey : IEquatable<PoolKey>
        {
            private readonly (TransportPlatform Platform, string BaseUri, string? ProxyAddress, string? User, string? Domain, string? Password, bool DefaultCredentials) value;

            public PoolKey(TransportPlatform platform, string baseUri, string? proxyAddress, string? user, string? domain, string? password, bool defaultCredentials) =>
                value = (platform, baseUri, proxyAddress, user, domain, password, defaultCredentials);

            public bool Equals(PoolKey other) => value.Equals(other.value);

            public override bool Equals(object? obj) => obj is PoolKey other && Equals(other);

            public override int GetHashCode() => value.GetHashCode();
        }
    }
}
