using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client;
using TokenLab.Client.Models;
using TokenLab.PowerShell.Completers;
using TokenLab.PowerShell.Errors;
using TokenLab.PowerShell.Infrastructure;

namespace TokenLab.PowerShell.Commands
{
    /// <summary>
    /// Gets models from the TokenLab catalog: recommended shortlists (tts, stt, …), filtered lists,
    /// or the full details of named models. The catalog is public: no key is needed, and when one
    /// is available the catalog is filtered to what that key may use.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TokenLabModel")]
    [OutputType(typeof(TokenLabModel))]
    public sealed class GetTokenLabModelCommand : TokenLabApiCmdlet
    {
        private readonly Dictionary<string, IReadOnlyList<TokenLabModel>> _listings = new Dictionary<string, IReadOnlyList<TokenLabModel>>(StringComparer.Ordinal);

        /// <summary>Model IDs or aliases. An exact ID gets the model's full details; wildcards filter the list.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Model", "ModelId")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ModelIdCompleter))]
        public string[]? Id { get; set; }

        /// <summary>Lists the models recommended for a scene, best first (24 h success rate).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(SceneCompleter))]
        [ValidateNotNullOrEmpty]
        public string? RecommendedFor { get; set; }

        /// <summary>Lists the models of a category.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(CategoryCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Category { get; set; }

        /// <summary>Lists the models of a provider (openai, google, minimax, …).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(ProviderCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Provider { get; set; }

        /// <summary>Lists the models with a tag.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(TagCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Tag { get; set; }

        /// <summary>Asks for the compact catalog view (smaller and faster, fewer fields).</summary>
        [Parameter]
        public SwitchParameter Compact { get; set; }

        /// <summary>Keeps only models whose details declare the /v1/realtime WebSocket.</summary>
        [Parameter]
        public SwitchParameter Realtime { get; set; }

        internal override TimeSpan DefaultTimeout => TokenLabDefaults.CatalogTimeout;

        internal override bool RequiresApiKey => false;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (Id is null || Id.Length == 0)
            {
                TryProcessItem(null, () => WriteModels(ListModels(), null));
                return;
            }

            foreach (string id in Id)
            {
                TryProcessItem(id, () => WriteModels(Find(id), id));
            }
        }

        private IEnumerable<TokenLabModel> Find(string id)
        {
            if (!WildcardPattern.ContainsWildcardCharacters(id))
            {
                TokenLabModel detail = RunAsync((_, token) => Client.GetModelAsync(id, token)).Value;
                ModelCatalogCache.Store(Client.Options.BaseUri, ModelListing.Details(id), new[] { detail });
                return Realtime.IsPresent && detail.SupportsRealtime != true ? Enumerable.Empty<TokenLabModel>() : new[] { detail };
            }

            var pattern = WildcardPattern.Get(id, WildcardOptions.IgnoreCase);
            try
            {
                // The pattern is parsed on first use: an unclosed [ is found here, before the list is asked for.
                pattern.IsMatch(string.Empty);
            }
            catch (WildcardPatternException ex)
            {
                throw new TokenLabInputException(ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument,
                    "'" + id + "' is not a valid wildcard pattern: " + ex.Message, "Escape a literal [ or ] with a backtick (`[), or use only * and ?.");
            }

            return ListModels().Where(model => pattern.IsMatch(model.Id) || model.Aliases.Any(pattern.IsMatch));
        }

        /// <summary>The filtered list, fetched once per invocation however many wildcards ask for it.</summary>
        private IReadOnlyList<TokenLabModel> ListModels()
        {
            var query = new ModelListQuery
            {
                RecommendedFor = RecommendedFor,
                Category = Category,
                Provider = Provider,
                Tag = Tag,
                Compact = Compact.IsPresent,
            };
            string key = string.Join("|", query.RecommendedFor, query.Category, query.Provider, query.Tag, query.Compact);
            if (!_listings.TryGetValue(key, out IReadOnlyList<TokenLabModel>? models))
            {
                models = RunAsync((_, token) => ListAsync(query, token));
                _listings[key] = models;
                if (CompletionListing(query) is ModelListing listing)
                {
                    ModelCatalogCache.Store(Client.Options.BaseUri, listing, models);
                }
            }

            return models;
        }

        /// <summary>The completion listing a fetched list is, when it is one: unfiltered, one scene, or the realtime models.</summary>
        private ModelListing? CompletionListing(ModelListQuery query)
        {
            if (query.Category != null || query.Provider != null || query.Tag != null)
            {
                return null;
            }

            if (Realtime.IsPresent)
            {
                return query.RecommendedFor is null ? ModelListing.Realtime : null;
            }

            return query.RecommendedFor is null ? ModelListing.All : ModelListing.RecommendedFor(query.RecommendedFor);
        }

        private async Task<IReadOnlyList<TokenLabModel>> ListAsync(ModelListQuery query, CancellationToken token)
        {
            IReadOnlyList<TokenLabModel> models = (await Client.ListModelsAsync(query, token).ConfigureAwait(false)).Value;
            return Realtime.IsPresent ? await RealtimeModelFilter.KeepRealtimeAsync(Client, models, token).ConfigureAwait(false) : models;
        }

        private void WriteModels(IEnumerable<TokenLabModel> models, string? requestedId)
        {
            bool any = false;
            foreach (TokenLabModel model in models)
            {
                any = true;
                WriteObject(model);
            }

            if (!any && requestedId is not null && !WildcardPattern.ContainsWildcardCharacters(requestedId))
            {
                WriteVerbose("The model '" + requestedId + "' does not declare /v1/realtime, so -Realtime left it out.");
            }
        }
    }
}
