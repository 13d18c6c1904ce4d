using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client;
using TokenLab.PowerShell.Completers;
using TokenLab.PowerShell.Context;
using TokenLab.PowerShell.Credentials;
using TokenLab.PowerShell.Errors;
using TokenLab.PowerShell.Pricing;

namespace TokenLab.PowerShell.Infrastructure
{
    /// <summary>
    /// Base of the cmdlets that call the API: the connection parameters every such cmdlet takes,
    /// and how they combine with the Connect-TokenLab context, the environment and the defaults.
    /// </summary>
    public abstract class TokenLabApiCmdlet : ConnectionSettingsCmdlet
    {
        private TokenLabClient? _client;

        /// <summary>The API key for this call (a SecureString; a plain string is converted on binding).</summary>
        [Parameter]
        [SecureStringTransformation]
        [ValidateNotNull]
        public SecureString? ApiKey { get; set; }

        /// <summary>The timeout when neither -TimeoutSec nor Connect-TokenLab -TimeoutSec sets one.</summary>
        internal abstract TimeSpan DefaultTimeout { get; }

        /// <summary>True for cmdlets that cannot work without a key (everything but the public catalog).</summary>
        internal abstract bool RequiresApiKey { get; }

        /// <summary>
        /// The X-TokenLab-Delivery-Policy for this invocation's requests. Null by default: only
        /// generation cmdlets send one (TokenLab attaches it to speech and transcription, not to the catalog).
        /// </summary>
        internal virtual string? DeliveryPolicyFor(TokenLabContext? context) => null;

        /// <summary>The client for this invocation, built once from the parameters, context and environment.</summary>
        internal TokenLabClient Client => _client ??= CreateClient();

        /// <summary>
        /// For -WhatIf and -Confirm: what the calls described would be billed, from the model's catalog entry
        /// (the session's cached details). Null when neither is in effect: then neither the catalog is
        /// asked nor <paramref name="usage"/> worked out.
        /// </summary>
        internal string? CostPreviewFor(string modelId, Func<BillableUsage> usage)
        {
            if (!PreviewsCalls)
            {
                return null;
            }

            ModelDetails details = ModelDetailsFor(modelId);
            return details.Model is null ? CostPreview.Unavailable(modelId, details.FailureText) : CostPreview.Describe(details.Model, usage());
        }

        /// <summary>
        /// Starts (or finds) the lookup of a model's details in the session's catalog cache, with this command's base
        /// URI, key and proxy. Call it on the pipeline thread as soon as the model is known; await it where needed.
        /// </summary>
        internal Task<ModelDetails> LookUpModelDetails(string modelId)
        {
            TokenLabClientOptions options = Client.Options;
            return ModelCatalogCache.LookUpDetailsAsync(options.BaseUri, modelId, () => new TokenLabClientOptions
            {
                BaseUri = options.BaseUri,
                ApiKey = options.ApiKey,
                Proxy = options.Proxy,
                UserAgent = options.UserAgent,
            });
        }

        /// <summary>A model's details, waited for here on the pipeline thread (bounded by the catalog lookup's own timeout; Ctrl+C stops it).</summary>
        internal ModelDetails ModelDetailsFor(string modelId)
        {
            Task<ModelDetails> lookup = LookUpModelDetails(modelId);
            return lookup.IsCompleted ? lookup.Result : RunAsync((_, token) => WhenDone(lookup, token));
        }

        /// <summary>The lookup's result once it has one; only the caller's token ends the wait sooner.</summary>
        internal static async Task<ModelDetails> WhenDone(Task<ModelDetails> lookup, CancellationToken token)
        {
            if (!lookup.IsCompleted)
            {
                var cancelled = new TaskCompletionSource<bool>();
                using (token.Register(() => cancelled.TrySetCanceled()))
                {
                    await Task.WhenAny(lookup, cancelled.Task).ConfigureAwait(false);
                }

                token.ThrowIfCancellationRequested();
            }

            return await lookup.ConfigureAwait(false);
        }

        /// <summary>True when ShouldProcess will describe instead of act (-WhatIf) or ask first (-Confirm).</summary>
        private bool PreviewsCalls =>
            OnlyDescribes || (MyInvocation.BoundParameters.TryGetValue("Confirm", out object? confirm) && LanguagePrimitives.IsTrue(confirm));

        /// <summary>True under -WhatIf: nothing is sent but the public catalog, so no key is needed.</summary>
        private bool OnlyDescribes =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? whatIf) ? LanguagePrimitives.IsTrue(whatIf)
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        /// <summary>Builds the client in BeginProcessing so settings problems stop the command before any input.</summary>
        protected override void BeginProcessing()
        {
            _ = Client;
        }

        private TokenLabClient CreateClient()
        {
            try
            {
                return CreateClient(ContextStore.Current);
            }
            catch (Exception ex) when (ex is TokenLabConfigurationException || ex is SecretStoreException)
            {
                ThrowTokenLabError(ex, null);
                throw;
            }
        }

        private TokenLabClient CreateClient(TokenLabContext? context)
        {
            var options = new TokenLabClientOptions
            {
                BaseUri = EffectiveSettings.BaseUri(BaseUri, context, out _),
                Proxy = ProxyFromParameters() ?? context?.Proxy,
                Timeout = TimeSpan.FromSeconds(IsBound(nameof(TimeoutSec)) ? TimeoutSec : context?.TimeoutSec ?? DefaultTimeout.TotalSeconds),
                MaxRetries = IsBound(nameof(MaxRetries)) ? MaxRetries : context?.MaxRetries ?? TokenLabDefaults.MaxRetries,
                MaxRetryWait = IsBound(nameof(MaxRetryWaitSec)) ? TimeSpan.FromSeconds(MaxRetryWaitSec)
                    : context?.MaxRetryWaitSec is int wait ? TimeSpan.FromSeconds(wait) : TokenLabDefaults.MaxRetryWait,
                DeliveryPolicy = DeliveryPolicyFor(context),
                UserAgent = UserAgent.Get(this),
                Trace = WantsTrace ? Trace : null,
            };

            ResolvedApiKey? key = ApiKeyResolver.Resolve(ApiKey, context, new SecretManagementStore());
            if (key is not null && string.IsNullOrWhiteSpace(key.Key))
            {
                ThrowTerminatingError(ErrorRecordFactory.ApiKeyEmpty(key.Source, null));
            }

            if (key is not null)
            {
                options.ApiKey = key.Key;
                WriteVerbose(string.Format(CultureInfo.InvariantCulture, "Using the API key {0} from the {1}.", ApiKeyMask.Mask(key.Key), key.Source));
            }
            else if (RequiresApiKey && !OnlyDescribes)
            {
                ThrowTerminatingError(ErrorRecordFactory.ApiKeyMissing(null));
            }

            return new TokenLabClient(options);
        }
    }
}
