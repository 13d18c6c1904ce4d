using System;

namespace TokenLab.PowerShell.Credentials
{
    /// <summary>The environment variables the module reads, and only these.</summary>
    internal static class EnvironmentSettings
    {
        public const string ApiKeyVariable = "TOKENLAB_API_KEY";
        public const string BaseUrlVariable = "TOKENLAB_BASE_URL";

        /// <summary>Opt-in: the name of a SecretManagement secret that holds the key (no vault is touched without it).</summary>
        public const string ApiKeySecretVariable = "TOKENLAB_API_KEY_SECRET";

        /// <summary>Optional vault for <see cref="ApiKeySecretVariable"/>; without it SecretManagement searches its vaults.</summary>
        public const string ApiKeyVaultVariable = "TOKENLAB_API_KEY_VAULT";

        public static string? Read(string name)
        {
            string? value = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
        }
    }
}
