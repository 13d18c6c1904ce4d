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
    /// The session's one cache of what the catalog says, per base URI and listing, kept for a few minutes: the
    /// listings tab completion offers, and the model details commands read on the side (voices, output formats,
    /// prices, realtime support). A tab press never waits on the network for more than a short bound and never
    /// fails: it gets what the cache has (possibly nothing) while a refresh finishes in the background. A command's
    /// lookup is best effort too: it waits at most the refresh timeout and gets the details or why they are missing.
    /// </summary>
    internal static class ModelCatalogCache
    {
        internal static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(5);
        internal static readonly TimeSpan TabPressWait = TimeSpan.FromMilliseconds(750);

        /// <summary>The longest a refresh takes, so a catalog that does not answer holds up no command for longer.</summary>
        internal static readonly TimeSpan RefreshTimeout = TimeSpan.FromSeconds(5);
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

            entry.StartRefresh(listing, connect).Wait(TabPressWait);
            return entry.Models;
        }

        /// <summary>
        /// The details of one model for a command: from the cache when fresh, else fetched now (a failure is
        /// remembered for a short while, so a batch does not ask again for every item). Never faults: a catalog
        /// that cannot be read (404, an error, no answer within <see cref="RefreshTimeout"/>) gives the reason instead.
        /// </summary>
        public static Task<ModelDetails> LookUpDetailsAsync(Uri baseUri, string modelId, Func<TokenLabClientOptions> connect)
        {
            ModelListing listing = ModelListing.Details(modelId);
            Entry entry = Entries.GetOrAdd(Key(baseUri, listing), _ => new Entry());
            if (entry.IsFresh || entry.FailedRecently)
            {
                return Task.FromResult(entry.DetailsOf(modelId));
            }

            return entry.StartRefresh(listing, connect).ContinueWith(
                _ => entry.DetailsOf(modelId), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
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
            private Exception? _failure;
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
                    _failure = null;
                }
            }

            /// <summary>The details held for <paramref name="modelId"/>, or why there are none.</summary>
            public ModelDetails DetailsOf(string modelId)
            {
                lock (_gate)
                {
                    return _models.Length > 0 ? new ModelDetails(modelId, _models[0], null) : new ModelDetails(modelId, null, _failure);
                }
            }

            /// <summary>Fetches the listing again unless a refresh is under way; <paramref name="connect"/> runs on the caller's thread.</summary>
            public Task StartRefresh(ModelListing listing, Func<TokenLabClientOptions> connect)
            {
                lock (_gate)
                {
                    if (_refresh is null || _refresh.IsCompleted)
                    {
                        TokenLabClientOptions options = connect();
                        options.Timeout = RefreshTimeout;
                        options.MaxRetries = 0;
                        _refresh = Task.Run(() => RefreshAsync(() => listing.FetchAsync(new TokenLabClient(options), CancellationToken.None)));
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
                catch (Exception ex)
                {
                    // Offline, refused, an unknown model or an answer it cannot read: a tab press must not
                    // fail, so completion offers what it had and tries again later; a command is told why.
                    lock (_gate)
                    {
                        _failedUtc = DateTime.UtcNow;
                        _failure = ex;
                    }
                }
            }
        }
    }
}
