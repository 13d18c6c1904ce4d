using System.Security;
using TokenLab.PowerShell.Context;

namespace TokenLab.PowerShell.Credentials
{
    /// <summary>An API key in plain text, ready for the Authorization header, and where it came from.</summary>
    internal sealed class ResolvedApiKey
    {
        public ResolvedApiKey(string key, string source)
        {
            Key = key;
            Source = source;
        }

        public string Key { get; }

        public string Source { get; }
    }

    /// <summary>
    /// Finds the key for a call in a fixed order: the -ApiKey parameter, the Connect-TokenLab
    /// context, TOKENLAB_API_KEY, and only when the user opted in with TOKENLAB_API_KEY_SECRET, a
    /// SecretManagement secret. No vault is touched otherwise: a runbook must never hang on a prompt.
    /// </summary>
    internal static class ApiKeyResolver
    {
        public const string ParameterSource = "-ApiKey parameter";
        public const string EnvironmentSource = "environment variable " + EnvironmentSettings.ApiKeyVariable;

        public static ResolvedApiKey? Resolve(SecureString? parameter, TokenLabContext? context, ISecretStore secrets)
        {
            if (parameter is not null)
            {
                return new ResolvedApiKey(SecureStringConvert.ToPlainText(parameter), ParameterSource);
            }

            if (context?.ApiKey is not null)
            {
                return new ResolvedApiKey(SecureStringConvert.ToPlainText(context.ApiKey), context.ApiKeySource ?? "Connect-TokenLab");
            }

            string? fromEnvironment = EnvironmentSettings.Read(EnvironmentSettings.ApiKeyVariable);
            if (fromEnvironment is not null)
            {
                return new ResolvedApiKey(fromEnvironment, EnvironmentSource);
            }

            string? secretName = EnvironmentSettings.Read(EnvironmentSettings.ApiKeySecretVariable);
            if (secretName is null)
            {
                return null;
            }

            string? vault = EnvironmentSettings.Read(EnvironmentSettings.ApiKeyVaultVariable);
            SecureString secret = secrets.GetSecret(secretName, vault);
            return new ResolvedApiKey(SecureStringConvert.ToPlainText(secret), DescribeSecret(secretName, vault));
        }

        public static string DescribeSecret(string name, string? vault) =>
            vault is null ? "SecretManagement secret '" + name + "'" : "SecretManagement secret '" + name + "' in vault '" + vault + "'";
    }
}
