using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client;
using TokenLab.Client.Models;
using TokenLab.PowerShell.Infrastructure;

namespace TokenLab.PowerShell.Completers
{
    /// <summary>One view of the catalog that completion reads, and how it is fetched; cached per base URI.</summary>
    internal sealed class ModelListing
    {
        private readonly Func<TokenLabClient, CancellationToken, Task<IReadOnlyList<TokenLabModel>>> _fetch;

        private ModelListing(string key, Func<TokenLabClient, CancellationToken, Task<IReadOnlyList<TokenLabModel>>> fetch)
        {
            Key = key;
            _fetch = fetch;
        }

        /// <summary>Every model of the catalog (the compact view: IDs, providers, categories, capabilities).</summary>
        public static ModelListing All { get; } = new ModelListing("all", (client, token) => ListAsync(client, null, token));

        /// <summary>The models whose details declare /v1/realtime, as Get-TokenLabModel -Realtime finds them.</summary>
        public static ModelListing Realtime { get; } = new ModelListing("realtime", async (client, token) =>
            await RealtimeModelFilter.KeepRealtimeAsync(client, await ListAsync(client, null, token).ConfigureAwait(false), token).ConfigureAwait(false));

        /// <summary>Identifies the entry in the cache.</summary>
        public string Key { get; }

        /// <summary>The models recommended for <paramref name="scene"/> (tts, stt, …), best first.</summary>
        public static ModelListing RecommendedFor(string scene) =>
            new ModelListing("scene:" + scene, (client, token) => ListAsync(client, scene, token));

        /// <summary>The full details of one model (its voices, formats, …).</summary>
        public static ModelListing Details(string modelId) =>
            new ModelListing("details:" + modelId, async (client, token) =>
                new[] { (await client.GetModelAsync(modelId, token).ConfigureAwait(false)).Value });

        public Task<IReadOnlyList<TokenLabModel>> FetchAsync(TokenLabClient client, CancellationToken token) => _fetch(client, token);

        private static async Task<IReadOnlyList<TokenLabModel>> ListAsync(TokenLabClient client, string? scene, CancellationToken token) =>
            (await client.ListModelsAsync(new ModelListQuery { RecommendedFor = scene, Compact = true }, token).ConfigureAwait(false)).Value;
    }
}
