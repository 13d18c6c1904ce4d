using System.Security;

namespace TokenLab.PowerShell.Credentials
{
    /// <summary>Reads and writes the API key in a secret vault (SecretManagement in production).</summary>
    internal interface ISecretStore
    {
        /// <summary>Returns the secret; throws <see cref="SecretStoreException"/> when it cannot.</summary>
        SecureString GetSecret(string name, string? vault);

        void SetSecret(string name, SecureString value, string? vault);
    }
}
