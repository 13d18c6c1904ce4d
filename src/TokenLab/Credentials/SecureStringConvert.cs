using System.Net;
using System.Security;

namespace TokenLab.PowerShell.Credentials
{
    /// <summary>Converts keys between SecureString and text at the last moment before use.</summary>
    internal static class SecureStringConvert
    {
        public static string ToPlainText(SecureString value) => new NetworkCredential(string.Empty, value).Password;

        public static SecureString FromPlainText(string value)
        {
            SecureString secure = new NetworkCredential(string.Empty, value).SecurePassword;
            secure.MakeReadOnly();
            return secure;
        }
    }
}
