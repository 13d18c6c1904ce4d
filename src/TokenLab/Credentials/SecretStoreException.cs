using System;

namespace TokenLab.PowerShell.Credentials
{
    /// <summary>Why a secret could not be read or written, in terms the error records map from.</summary>
    internal enum SecretStoreFailure
    {
        NotInstalled,
        VaultNotFound,
        SecretNotFound,
        InvalidSecretType,
        VaultError,
    }

    internal sealed class SecretStoreException : Exception
    {
        public SecretStoreException(SecretStoreFailure failure, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            Failure = failure;
        }

        public SecretStoreFailure Failure { get; }
    }
}
