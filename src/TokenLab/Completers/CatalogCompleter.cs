using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using TokenLab.Client;
using TokenLab.Client.Models;
using TokenLab.PowerShell.Context;
using TokenLab.PowerShell.Credentials;
using TokenLab.PowerShell.Infrastructure;

namespace TokenLab.PowerShell.Completers
{
    /// <summary>
    /// Completes values read from the catalog of the service the command would call (its -BaseUri, else
    /// the context or environment), with the key and proxy the command would use there.
    /// </summary>
    public abstract class CatalogCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName,
            string parameterName,
            string wordToComplete,
            CommandAst commandAst,
            IDictionary fakeBoundParameters) => CompletionText.Matching(Candidates(fakeBoundParameters), wordToComplete);

        /// <summary>The values to offer, best first.</summary>
        private protected abstract IEnumerable<string> Candidates(IDictionary fakeBoundParameters);

        /// <summary>The models of <paramref name="listing"/>; empty while they are on their way or when they cannot be read.</summary>
        private protected static IReadOnlyList<TokenLabModel> Models(IDictionary fakeBoundParameters, ModelListing listing)
        {
            try
            {
                TokenLabContext? context = ContextStore.Current;
                Uri baseUri = EffectiveSettings.BaseUri(AsUri(fakeBoundParameters["BaseUri"]), context, out _);
                return ModelCatalogCache.GetModels(baseUri, listing, () => new TokenLabClientOptions
                {
                    BaseUri = baseUri,
                    ApiKey = context?.ApiKey is null ? EnvironmentSettings.Read(EnvironmentSettings.ApiKeyVariable) : SecureStringConvert.ToPlainText(context.ApiKey),
                    Proxy = context?.Proxy,
                });
            }
            catch (TokenLabConfigurationException)
            {
                // An unusable TOKENLAB_BASE_URL: the command will say so; a tab press must not fail.
                return Array.Empty<TokenLabModel>();
            }
        }

        /// <summary>A model ID given on the command line as plain text (not a variable or an expression).</summary>
        private protected static string? TypedModel(IDictionary fakeBoundParameters) =>
            fakeBoundParameters["Model"] is string model && model.Length > 0 ? model : null;

        private static Uri? AsUri(object? value) =>
            value as Uri ?? (value is string text && Uri.TryCreate(text, UriKind.Absolute, out Uri? parsed) ? parsed : null);
    }
}
