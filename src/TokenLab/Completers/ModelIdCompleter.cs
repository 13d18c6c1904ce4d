using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace TokenLab.PowerShell.Completers
{
    /// <summary>Completes model IDs from the catalog: every model, one recommendation scene, or the realtime models.</summary>
    public class ModelIdCompleter : CatalogCompleter
    {
        private readonly ModelListing _listing;

        /// <summary>Completes every model in the catalog.</summary>
        public ModelIdCompleter()
            : this(ModelListing.All)
        {
        }

        private protected ModelIdCompleter(ModelListing listing)
        {
            _listing = listing;
        }

        private protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters) =>
            Models(fakeBoundParameters, _listing).Select(model => model.Id);
    }

    /// <summary>Completes speech models, best recommendation first.</summary>
    public sealed class SpeechModelCompleter : ModelIdCompleter
    {
        /// <summary>Completes the models recommended for text to speech.</summary>
        public SpeechModelCompleter()
            : base(ModelListing.RecommendedFor("tts"))
        {
        }
    }

    /// <summary>Completes transcription models, best recommendation first.</summary>
    public sealed class TranscriptionModelCompleter : ModelIdCompleter
    {
        /// <summary>Completes the models recommended for speech to text.</summary>
        public TranscriptionModelCompleter()
            : base(ModelListing.RecommendedFor("stt"))
        {
        }
    }

    /// <summary>Completes the models whose details declare /v1/realtime.</summary>
    public sealed class RealtimeModelCompleter : ModelIdCompleter
    {
        /// <summary>Completes the realtime models, as Get-TokenLabModel -Realtime lists them.</summary>
        public RealtimeModelCompleter()
            : base(ModelListing.Realtime)
        {
        }
    }

    /// <summary>Completes the providers of the catalog's models (openai, google, …).</summary>
    public sealed class ProviderCompleter : CatalogCompleter
    {
        private protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters) =>
            Models(fakeBoundParameters, ModelListing.All).Select(model => model.Provider).OfType<string>().OrderBy(name => name, System.StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Completes the tags of the catalog's models: their capabilities and categories.</summary>
    public sealed class TagCompleter : CatalogCompleter
    {
        private protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters) =>
            Models(fakeBoundParameters, ModelListing.All)
                .SelectMany(model => model.Capabilities.Concat(new[] { model.Category }))
                .OfType<string>()
                .OrderBy(tag => tag, System.StringComparer.OrdinalIgnoreCase);
    }
}
