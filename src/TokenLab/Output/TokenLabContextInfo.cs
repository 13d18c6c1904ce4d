using System;
using TokenLab.Client;
using TokenLab.PowerShell.Context;
using TokenLab.PowerShell.Credentials;
using TokenLab.PowerShell.Infrastructure;

namespace TokenLab.PowerShell.Output
{
    /// <summary>
    /// The settings a TokenLab command would use now, and where each came from. The key is only
    /// ever shown masked (sk-...abcd).
    /// </summary>
    public sealed class TokenLabContextInfo
    {
        internal TokenLabContextInfo(
            bool connected,
            DateTimeOffset? connectedAt,
            string? apiKey,
            string apiKeySource,
            Uri baseUri,
            string baseUriSource,
            string proxy,
            string? deliveryPolicy,
            int? timeoutSec,
            int maxRetries,
            int maxRetryWaitSec)
        {
            Connected = connected;
            ConnectedAt = connectedAt;
            ApiKey = apiKey;
            ApiKeySource = apiKeySource;
            BaseUri = baseUri;
            BaseUriSource = baseUriSource;
            Proxy = proxy;
            DeliveryPolicy = deliveryPolicy;
            TimeoutSec = timeoutSec;
            MaxRetries = maxRetries;
            MaxRetryWaitSec = maxRetryWaitSec;
        }

        /// <summary>Describes the effective settings for <paramref name="context"/> (null: not connected).</summary>
        internal static TokenLabContextInfo Describe(TokenLabContext? context)
        {
            Uri baseUri = EffectiveSettings.BaseUri(null, context, out string baseUriSource);
            (string? maskedKey, string keySource) = DescribeKey(context);
            return new TokenLabContextInfo(
                connected: context is not null,
                connectedAt: context?.ConnectedAt,
                apiKey: maskedKey,
                apiKeySource: keySource,
                baseUri: baseUri,
                baseUriSource: baseUriSource,
                proxy: DescribeProxy(context?.Proxy),
                deliveryPolicy: context?.DeliveryPolicy,
                timeoutSec: context?.TimeoutSec,
                maxRetries: context?.MaxRetries ?? TokenLabDefaults.MaxRetries,
                maxRetryWaitSec: context?.MaxRetryWaitSec ?? (int)TokenLabDefaults.MaxRetryWait.TotalSeconds);
        }

        /// <summary>True after Connect-TokenLab in this runspace.</summary>
        public bool Connected { get; }

        /// <summary>When Connect-TokenLab ran in this runspace.</summary>
        public DateTimeOffset? ConnectedAt { get; }

        /// <summary>The key, masked; null when no key is configured.</summary>
        public string? ApiKey { get; }

        /// <summary>Where the key comes from: a parameter, Connect-TokenLab, the environment or a vault.</summary>
        public string ApiKeySource { get; }

        /// <summary>The API root commands call.</summary>
        public Uri BaseUri { get; }

        /// <summary>Where the base URI comes from.</summary>
        public string BaseUriSource { get; }

        /// <summary>The proxy address, or how the system proxy is used.</summary>
        public string Proxy { get; }

        /// <summary>The X-TokenLab-Delivery-Policy sent with generation requests, if any.</summary>
        public string? DeliveryPolicy { get; }

        /// <summary>The timeout set by Connect-TokenLab; null means each command's default (30 s catalog, 300 s audio).</summary>
        public int? TimeoutSec { get; }

        /// <summary>How many times a failed call is sent again.</summary>
        public int MaxRetries { get; }

        /// <summary>The longest server-requested wait honoured before a retry.</summary>
        public int MaxRetryWaitSec { get; }

        /// <inheritdoc />
        public override string ToString() => BaseUri.AbsoluteUri + " (key " + (ApiKey ?? "none") + ", " + ApiKeySource + ")";

        private static (string? MaskedKey, string Source) DescribeKey(TokenLabContext? context)
        {
            if (context?.ApiKey is not null)
            {
                return (ApiKeyMask.Mask(SecureStringConvert.ToPlainText(context.ApiKey)), context.ApiKeySource ?? "Connect-TokenLab");
            }

            string? fromEnvironment = EnvironmentSettings.Read(EnvironmentSettings.ApiKeyVariable);
            if (fromEnvironment is not null)
            {
                return (ApiKeyMask.Mask(fromEnvironment), ApiKeyResolver.EnvironmentSource);
            }

            string? secretName = EnvironmentSettings.Read(EnvironmentSettings.ApiKeySecretVariable);
            if (secretName is not null)
            {
                string secret = ApiKeyResolver.DescribeSecret(secretName, EnvironmentSettings.Read(EnvironmentSettings.ApiKeyVaultVariable));
                return (null, secret + ", read when a command needs it (" + EnvironmentSettings.ApiKeySecretVariable + ")");
            }

            return (null, "none: use -ApiKey, Connect-TokenLab or " + EnvironmentSettings.ApiKeyVariable);
        }

        private static string DescribeProxy(TokenLabProxySettings? proxy)
        {
            if (proxy?.Address is not null)
            {
                string credentials = proxy.Credential is not null ? " with credentials for " + proxy.Credential.UserName
                    : proxy.UseDefaultCredentials ? " with default credentials" : string.Empty;
                return proxy.Address.AbsoluteUri + credentials;
            }

            return proxy?.UseDefaultCredentials == true ? "system proxy with default credentials" : "system proxy";
        }
    }
}
