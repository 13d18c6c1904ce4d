using System;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Security;
using PowerShellApi = System.Management.Automation.PowerShell;

namespace TokenLab.PowerShell.Credentials
{
    /// <summary>
    /// Reaches SecretManagement through its cmdlets in the caller's runspace (there is no consumer
    /// .NET API). Commands are module-qualified so a user function named Get-Secret cannot stand in,
    /// and it runs on the pipeline thread so a vault that prompts uses the caller's host.
    /// </summary>
    internal sealed class SecretManagementStore : ISecretStore
    {
        internal const string ModuleName = "Microsoft.PowerShell.SecretManagement";

        public SecureString GetSecret(string name, string? vault)
        {
            Collection<PSObject> results = Invoke("Get-Secret", name, vault, value: null);
            object? secret = results.FirstOrDefault()?.BaseObject;
            return secret switch
            {
                SecureString secure => secure,
                PSCredential credential => credential.Password,
                string text => SecureStringConvert.FromPlainText(text),
                null => throw SecretNotFound(name, vault, null),
                _ => throw new SecretStoreException(
                    SecretStoreFailure.InvalidSecretType,
                    string.Format(CultureInfo.InvariantCulture,
                        "The secret '{0}'{1} is a {2}; the API key must be stored as a string, SecureString or PSCredential.",
                        name, DescribeVault(vault), secret.GetType().Name)),
            };
        }

        public void SetSecret(string name, SecureString value, string? vault) => Invoke("Set-Secret", name, vault, value);

        private static Collection<PSObject> Invoke(string command, string name, string? vault, SecureString? value)
        {
            using PowerShellApi shell = PowerShellApi.Create(RunspaceMode.CurrentRunspace);
            shell.AddCommand(ModuleName + "\\" + command).AddParameter("Name", name);
            if (vault is not null)
            {
                shell.AddParameter("Vault", vault);
            }

            if (value is not null)
            {
                shell.AddParameter("SecureStringSecret", value);
            }

            shell.AddParameter("ErrorAction", ActionPreference.Stop);
            try
            {
                return shell.Invoke();
            }
            catch (CommandNotFoundException ex)
            {
                throw new SecretStoreException(
                    SecretStoreFailure.NotInstalled,
                    "The Microsoft.PowerShell.SecretManagement module is not installed. Install it and a vault " +
                    "(Install-PSResource Microsoft.PowerShell.SecretManagement, Microsoft.PowerShell.SecretStore, or Install-Module " +
                    "on Windows PowerShell 5.1; " +
                    "then Register-SecretVault), or give the key with -ApiKey or TOKENLAB_API_KEY.",
                    ex);
            }
            catch (RuntimeException ex)
            {
                throw Classify(ex, name, vault);
            }
        }

        private static SecretStoreException Classify(RuntimeException ex, string name, string? vault)
        {
            string errorId = ex.ErrorRecord?.FullyQualifiedErrorId ?? string.Empty;
            string message = ex.Message;
            if (errorId.IndexOf("VaultNotFound", StringComparison.OrdinalIgnoreCase) >= 0 ||
                message.IndexOf("vault not found", StringComparison.OrdinalIgnoreCase) >= 0 ||
                message.IndexOf("no extension vaults", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return new SecretStoreException(
                    SecretStoreFailure.VaultNotFound,
                    string.Format(CultureInfo.InvariantCulture,
                        "The secret vault{0} is not registered. Register it with Register-SecretVault, or name a registered vault (Get-SecretVault lists them).",
                        vault is null ? string.Empty : " '" + vault + "'"),
                    ex);
            }

            if (ex is ItemNotFoundException || errorId.IndexOf("NotFound", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return SecretNotFound(name, vault, ex);
            }

            return new SecretStoreException(
                SecretStoreFailure.VaultError,
                string.Format(CultureInfo.InvariantCulture, "SecretManagement failed for the secret '{0}'{1}: {2}", name, DescribeVault(vault), message),
                ex);
        }

        private static SecretStoreException SecretNotFound(string name, string? vault, Exception? inner) =>
            new SecretStoreException(
                SecretStoreFailure.SecretNotFound,
                string.Format(CultureInfo.InvariantCulture,
                    "The secret '{0}' was not found{1}. Store the key first: Connect-TokenLab -ApiKey (Read-Host -AsSecureString) -SecretName {0}{2} -Save.",
                    name, DescribeVault(vault), vault is null ? string.Empty : " -Vault " + vault),
                inner);

        private static string DescribeVault(string? vault) => vault is null ? string.Empty : " in vault '" + vault + "'";
    }
}
