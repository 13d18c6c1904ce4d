using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TokenLab.PowerShell.Infrastructure
{
    /// <summary>
    /// The SHA-256 hex prefix that names derived files (-OutDirectory speech), the same on every runtime.
    /// SHA256.Create() gives SHA256Managed on .NET Framework 4.7.2, which throws when Windows' FIPS policy is
    /// on (common on regulated servers); the CryptoAPI implementation is FIPS-validated and gives the same
    /// digest, so saved files keep their names. No security rests on this hash.
    /// </summary>
    internal static class NameHash
    {
        /// <summary>The first <paramref name="characters"/> lower-case hex digits of the SHA-256 of <paramref name="data"/>.</summary>
        public static string Hex(byte[] data, int characters) => Hex(data, characters, ModuleInitializer.IsDesktop);

        /// <param name="data">The bytes to hash.</param>
        /// <param name="characters">How many hex digits (even, at most 64).</param>
        /// <param name="netFramework">True for .NET Framework's choice of implementation (tests run it anywhere).</param>
        internal static string Hex(byte[] data, int characters, bool netFramework)
        {
            using HashAlgorithm sha = Create(netFramework);
            byte[] hash = sha.ComputeHash(data);
            var hex = new StringBuilder(characters);
            for (int i = 0; i < characters / 2; i++)
            {
                hex.Append(hash[i].ToString("x2", CultureInfo.InvariantCulture));
            }

            return hex.ToString();
        }

        internal static HashAlgorithm Create(bool netFramework) =>
            netFramework ? new SHA256CryptoServiceProvider() : SHA256.Create();
    }
}
