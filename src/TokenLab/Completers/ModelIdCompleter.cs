using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using TokenLab.PowerShell.Context;
using TokenLab.PowerShell.Credentials;
using TokenLab.PowerShell.Infrastructure;

namespace TokenLab.PowerShell.Completers
{
    /// <summary>
    /// Completes model IDs from the catalog of the service the command would call (its -BaseUri,
    /// else the context or environment), for every model or for one recommendation scene.
    /// </summary>
    public class ModelIdCompleter : IArgumentCompleter
    {
        private readonly string? _scene;

        /// <summary>Completes every model in the catalog.</summary>
        public ModelIdCompleter()
            : this(null)
        {
        }

        /// <summary>Completes the models recommended for <paramref name="scene"/> (tts, stt, …), best first.</summary>
        protected ModelIdCompleter(string? scene)
        {
            _scene = scene;
        }

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName,
            string parameterName,
            string wordToComplete,
            CommandAst commandAst,
            IDictionary fakeBoundParameters)
        {
            IReadOnlyList<string> ids;
            try
            {
                TokenLabContext? context = ContextStore.Current;
                Uri baseUri = EffectiveSettings.BaseUri(fakeBoundParameters["BaseUri"] as Uri ?? AsUri(fakeBoundParameters["BaseUri"]), context, out _);
                string? apiKey = context?.ApiKey is null ? EnvironmentSettings.Read(EnvironmentSettings.ApiKeyVariable) : SecureStringConvert.ToPlainText(context.ApiKey);
                ids = ModelCatalogCache.GetModelIds(baseUri, apiKey, _scene);
            }
            catch (Exception ex) when (ex is TokenLab.Client.TokenLabException || ex is ArgumentException)
            {
                // A tab press must never fail.
                return Enumerable.Empty<CompletionResult>();
            }

            return CompletionText.Matching(ids, wordToComplete);
        }

        private static Uri? AsUri(object? value) =>
            value is string text && Uri.TryCreate(text, UriKind.Absolute, out Uri? parsed) ? parsed : null;
    }

    /// <summary>Completes speech models, best recommendation first.</summary>
    public sealed class SpeechModelCompleter : ModelIdCompleter
    {
        /// <summary>Completes the models recommended for text to speech.</summary>
        public SpeechModelCompleter()
            : base("tts")
        {
        }
    }

    /// <summary>Completes transcription models, best recommendation first.</summary>
    public sealed class TranscriptionModelCompleter : ModelIdCompleter
    {
        /// <summary>Completes the models recommended for speech to text.</summary>
        public TranscriptionModelCompleter()
            : base("stt")
        {
        }
    }
}
