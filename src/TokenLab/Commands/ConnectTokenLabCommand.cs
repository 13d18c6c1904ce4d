using System;
using System.Globalization;
using System.Management.Automation;
using System.Security;
using TokenLab.Client;
using TokenLab.PowerShell.Context;
using TokenLab.PowerShell.Credentials;
using TokenLab.PowerShell.Errors;
using TokenLab.PowerShell.Infrastructure;
using TokenLab.PowerShell.Output;

namespace TokenLab.PowerShell.Commands
{
    /// <summary>
    /// Holds TokenLab settings for this runspace: the key (given, or read from a SecretManagement
    /// vault), base URI, proxy, delivery policy, timeout and retries. Sends nothing over the network.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "TokenLab", SupportsShouldProcess = true, DefaultParameterSetName = KeyParameterSet)]
    [OutputType(typeof(TokenLabContextInfo))]
    public sealed class ConnectTokenLabCommand : ConnectionSettingsCmdlet
    {
        private const string KeyParameterSet = "ApiKey";
        private const string VaultParameterSet = "Vault";
        internal const string DefaultSecretName = "TokenLabApiKey";

        /// <summary>The API key. With -Save it is also stored in a vault.</summary>
        [Parameter(ParameterSetName = KeyParameterSet, Position = 0)]
        [Parameter(ParameterSetName = VaultParameterSet)]
        [SecureStringTransformation]
        [ValidateNotNull]
        public SecureString? ApiKey { get; set; }

        /// <summary>The SecretManagement vault to read the key from (or to save it to, with -Save).</summary>
        [Parameter(ParameterSetName = VaultParameterSet)]
        [ValidateNotNullOrEmpty]
        public string? Vault { get; set; }

        /// <summary>The secret that holds the key. Default: TokenLabApiKey.</summary>
        [Parameter(ParameterSetName = VaultParameterSet)]
        [ValidateNotNullOrEmpty]
        public string? SecretName { get; set; }

        /// <summary>Stores -ApiKey in the vault as -SecretName, for later sessions and runbooks.</summary>
        [Parameter(ParameterSetName = VaultParameterSet)]
        public SwitchParameter Save { get; set; }

        /// <summary>The delivery tier for generation requests: auto, verified or official.</summary>
        [Parameter]
        [ValidateSet("auto", "verified", "official")]
        public string? DeliveryPolicy { get; set; }

        /// <summary>Writes the resulting context (key masked) to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            var context = new TokenLabContext
            {
                BaseUri = ApiRoot.Normalize(BaseUri),
                DeliveryPolicy = DeliveryPolicy,
                TimeoutSec = IsBound(nameof(TimeoutSec)) ? TimeoutSec : null,
                MaxRetries = IsBound(nameof(MaxRetries)) ? MaxRetries : null,
                MaxRetryWaitSec = IsBound(nameof(MaxRetryWaitSec)) ? MaxRetryWaitSec : null,
                ConnectedAt = DateTimeOffset.Now,
            };

            try
            {
                context.Proxy = ProxyFromParameters();
                if (!SetKey(context))
                {
                    return;
                }

                ValidateCombination(context);
            }
            catch (Exception ex) when (ex is TokenLabException || ex is SecretStoreException)
            {
                ThrowTerminatingError(ErrorRecordFactory.FromException(ex, BaseUri));
                return;
            }

            string target = (context.BaseUri ?? TokenLabDefaults.BaseUri).AbsoluteUri;
            if (!ShouldProcess(target, "Connect TokenLab for this PowerShell session"))
            {
                return;
            }

            ContextStore.Set(context);
            WriteVerbose("TokenLab settings are now held for this runspace" + (context.ApiKey is null ? "." : ", with the key from the " + context.ApiKeySource + "."));
            if (PassThru.IsPresent)
            {
                WriteObject(TokenLabContextInfo.Describe(context));
            }
        }

        /// <summary>Fills the key from -ApiKey or the vault, saving it first with -Save. False when -WhatIf declined the save.</summary>
        private bool SetKey(TokenLabContext context)
        {
            if (ApiKey is { Length: 0 })
            {
                ThrowTerminatingError(ErrorRecordFactory.ApiKeyEmpty("-ApiKey parameter", null));
            }

            bool useVault = ParameterSetName == VaultParameterSet;
            string secretName = SecretName ?? DefaultSecretName;
            if (Save.IsPresent)
            {
                if (ApiKey is null)
                {
                    ThrowTerminatingError(ErrorRecordFactory.Create(
                        new ArgumentException("-Save stores the key given by -ApiKey, and none was given."),
                        ErrorIds.InvalidConfiguration, ErrorCategory.InvalidArgument, null,
                        "Connect-TokenLab -ApiKey (Read-Host -AsSecureString 'TokenLab key') -SecretName " + secretName + " -Save"));
                }

                string vaultText = Vault is null ? "the default vault" : "vault '" + Vault + "'";
                if (!ShouldProcess("secret '" + secretName + "' in " + vaultText, "Save the TokenLab API key"))
                {
                    return false;
                }

                new SecretManagementStore().SetSecret(secretName, ApiKey!, Vault);
                WriteVerbose(string.Format(CultureInfo.InvariantCulture, "Saved the key as secret '{0}' in {1}.", secretName, vaultText));
            }

            if (ApiKey is not null)
            {
                context.ApiKey = ApiKey;
                context.ApiKeySource = Save.IsPresent ? ApiKeyResolver.DescribeSecret(secretName, Vault) + " (saved by Connect-TokenLab)" : "Connect-TokenLab -ApiKey";
            }
            else if (useVault)
            {
                context.ApiKey = new SecretManagementStore().GetSecret(secretName, Vault);
                context.ApiKeySource = ApiKeyResolver.DescribeSecret(secretName, Vault);
            }

            return true;
        }

        /// <summary>Refuses now what every later command would refuse: a key sent over plain http to a non-loopback host.</summary>
        private static void ValidateCombination(TokenLabContext context)
        {
            _ = new TokenLabClient(new TokenLabClientOptions
            {
                BaseUri = context.BaseUri ?? TokenLabDefaults.BaseUri,
                ApiKey = context.ApiKey is null ? null : SecureStringConvert.ToPlainText(context.ApiKey),
                Proxy = context.Proxy,
            });
        }
    }
}
