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
    /// Model IDs for tab completion, per base URI and scene, kept for a few minutes. A tab press
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

        /// <summary>Remembers a catalog listing that a cmdlet fetched anyway.</summary>
        public static void Store(Uri baseUri, string? scene, IEnumerable<TokenLabModel> models)
        {
            Entry entry = Entries.GetOrAdd(Key(baseUri, scene), _ => new Entry());
            entry.Update(models.Select(m => m.Id).ToArray());
        }

        /// <summary>The model IDs known for completion, refreshing in the background when stale.</summary>
        public static IReadOnlyList<string> GetModelIds(Uri baseUri, string? apiKey, string? scene)
        {
            Entry entry = Entries.GetOrAdd(Key(baseUri, scene), _ => new Entry());
            if (entry.IsFresh || entry.FailedRecently)
            {
                return entry.Ids;
            }

            entry.StartRefresh(() => FetchAsync(baseUri, apiKey, scene)).Wait(TabPressWait);
            return entry.Ids;
        }

        /// <summary>Forgets everything (tests, and Connect-TokenLab pointing at another service).</summary>
        public static void Clear() => Entries.Clear();

        private static async Task<string[]> FetchAsync(Uri baseUri, string? apiKey, string? scene)
        {
            var client = new TokenLabClient(new TokenLabClientOptions
            {
                BaseUri = baseUri,
                ApiKey = apiKey,
                Timeout = RefreshTimeout,
                MaxRetries = 0,
            });
            TokenLabResponse<IReadOnlyList<TokenLabModel>> response = await client
                .ListModelsAsync(new ModelListQuery { RecommendedFor = scene, Compact = true }, CancellationToken.None)
                .ConfigureAwait(false);
            return response.Value.Select(m => m.Id).ToArray();
        }

        private static string Key(Uri baseUri, string? scene) => baseUri.AbsoluteUri + "|" + (scene ?? "*");

        private sealed class Entry
        {
            private readonly object _gate = new object();
            private string[] _ids = Array.Empty<string>();
            private DateTime _fetchedUtc = DateTime.MinValue;
            private DateTime _failedUtc = DateTime.MinValue;
            private Task? _refresh;

            public IReadOnlyList<string> Ids
            {
                get
                {
                    lock (_gate)
                    {
                        return _ids;
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

            public void Update(string[] ids)
            {
                lock (_gate)
                {
                    _ids = ids;
                    _fetchedUtc = DateTime.UtcNow;
                }
            }

            public Task StartRefresh(Func<Task<string[]>> fetch)
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

            private async Task RefreshAsync(Func<Task<string[]>> fetch)
            {
                try
                {
                    Update(await fetch().ConfigureAwait(false));
                }
                catch (Exception ex) when (ex is TokenLabException || ex is OperationCanceledException)
                {
                    // Offline or refused: completion offers what it had and tries again later.
                    lock (_gate)
                    {
                        _failedUtc = DateTime.UtcNow;
                    }
                }
            }
        }
    }
}
