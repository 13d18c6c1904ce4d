using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client;
using TokenLab.Client.Models;

namespace TokenLab.PowerShell.Completers
{
    /// <summary>
    /// Catalog listings for tab completion, per base URI and listing, kept for a few minutes. A tab press
    /// never waits on the network for more than a short bound and never fails: it gets what the
    /// cache has (possibly nothing) while a refresh finishes in the background.
    /// </summary>
    internal static class ModelCatalogCache
    {
        internal static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(5);
        internal static readonly TimeSpan TabPressWait = TimeSpan.FromMilliseconds(750);
        private static readonly TimeSpan RefreshTimeout = TimeSpan.FromSeconds(10);
        private static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(30);

        private static readonly ConcurrentDictionary<string, Entry> Entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);

        /// <summary>Remembers a listing that a cmdlet fetched anyway.</summary>
        public static void Store(Uri baseUri, ModelListing listing, IEnumerable<TokenLabModel> models)
        {
            Entry entry = Entries.GetOrAdd(Key(baseUri, listing), _ => new Entry());
            entry.Update(models.ToArray());
        }

        /// <summary>
        /// The models of <paramref name="listing"/> known for completion, refreshing in the background when
        /// stale. <paramref name="connect"/> gives the connection settings; it is called only when a refresh
        /// is due, on the caller's thread.
        /// </summary>
        public static IReadOnlyList<TokenLabModel> GetModels(Uri baseUri, ModelListing listing, Func<TokenLabClientOptions> connect)
        {
            Entry entry = Entries.GetOrAdd(Key(baseUri, listing), _ => new Entry());
            if (entry.IsFresh || entry.FailedRecently)
            {
                return entry.Models;
            }

            TokenLabClientOptions options = connect();
            options.Timeout = RefreshTimeout;
            options.MaxRetries = 0;
            entry.StartRefresh(() => listing.FetchAsync(new TokenLabClient(options), CancellationToken.None)).Wait(TabPressWait);
            return entry.Models;
        }

        /// <summary>Forgets everything (tests, and Connect-TokenLab pointing at another service).</summary>
        public static void Clear() => Entries.Clear();

        private static string Key(Uri baseUri, ModelListing listing) => baseUri.AbsoluteUri + "|" + listing.Key;

        private sealed class Entry
        {
            private readonly object _gate = new object();
            private TokenLabModel[] _models = Array.Empty<TokenLabModel>();
            private DateTime _fetchedUtc = DateTime.MinValue;
            private DateTime _failedUtc = DateTime.MinValue;
            private Task? _refresh;

            public IReadOnlyList<TokenLabModel> Models
            {
                get
                {
                    lock (_gate)
                    {
                        return _models;
                    }
                }
            }

            public bool IsFresh
            {
                get
                {
                    lock (_gate)
                    {
                        return DateTime.UtcNow - _fetchedUtc < FreshFor;
                    }
                }
            }

            /// <summary>True shortly after a failed refresh, so an offline machine does not wait on every tab press.</summary>
            public bool FailedRecently
            {
                get
                {
                    lock (_gate)
                    {
                        return DateTime.UtcNow - _failedUtc < FailureBackoff;
                    }
                }
            }

            public void Update(TokenLabModel[] models)
            {
                lock (_gate)
                {
                    _models = models;
                    _fetchedUtc = DateTime.UtcNow;
                }
            }

            public Task StartRefresh(Func<Task<IReadOnlyList<TokenLabModel>>> fetch)
            {
                lock (_gate)
                {
                    if (_refresh is null || _refresh.IsCompleted)
                    {
                        _refresh = Task.Run(() => RefreshAsync(fetch));
                    }

                    return _refresh;
                }
            }

            private async Task RefreshAsync(Func<Task<IReadOnlyList<TokenLabModel>>> fetch)
            {
                try
                {
                    Update((await fetch().ConfigureAwait(false)).ToArray());
                }
                catch (Exception)
                {
                    // Offline, refused, an unknown model or an answer it cannot read: a tab press must not
                    // fail, so completion offers what it had and tries again later.
                    lock (_gate)
                    {
                        _failedUtc = DateTime.UtcNow;
                    }
                }
            }
        }
    }
}
