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

        public static HttpClient Get(Uri baseUri, TokenLabProxySettings? proxy) =>
            Clients.GetOrAdd(KeyOf(baseUri, proxy), _ => new Lazy<HttpClient>(() => Create(proxy))).Value;

        private static HttpClient Create(TokenLabProxySettings? proxy) =>
            // The per-call timeout is a cancellation token, so the client itself never times out.
            new HttpClient(HttpHandlerFactory.Create(proxy), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

        private static PoolKey KeyOf(Uri baseUri, TokenLabProxySettings? proxy) => new PoolKey(
            baseUri.AbsoluteUri,
            proxy?.Address?.AbsoluteUri,
            proxy?.Credential?.UserName,
            proxy?.Credential?.Domain,
            proxy?.Credential?.Password,
            proxy?.UseDefaultCredentials == true);

        private readonly struct PoolKey : IEquatable<PoolKey>
        {
            private readonly (string BaseUri, string? ProxyAddress, string? User, string? Domain, string? Password, bool DefaultCredentials) value;

            public PoolKey(string baseUri, string? proxyAddress, string? user, string? domain, string? password, bool defaultCredentials) =>
                value = (baseUri, proxyAddress, user, domain, password, defaultCredentials);

            public bool Equals(PoolKey other) => value.Equals(other.value);

            public override bool Equals(object? obj) => obj is PoolKey other && Equals(other);

            public override int GetHashCode() => value.GetHashCode();
        }
    }
}
