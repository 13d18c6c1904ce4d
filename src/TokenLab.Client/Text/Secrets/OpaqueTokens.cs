using System.Collections.Generic;

namespace TokenLab.Client.Text.Secrets
{
    /// <summary>
    /// Long opaque strings no documented format describes, found by how they are made: base64 or base64url of at
    /// least 24 (and at most 256) characters mixing upper case, lower case and digits, with high entropy and no words in them.
    /// Hex (commit hashes, checksums, GUIDs), object IDs (item_...), version strings, paths, product codes and
    /// CamelCase names are not.
    /// The same pass knows one format that only a whole run's shape tells: Azure DevOps personal access tokens.
    /// </summary>
    internal static class OpaqueTokens
    {
        private const int MinLength = 24;
        private const int AzureDevOpsTokenLength = 52;

        // Longer runs are data (base64 audio in a realtime event, an embedded file), not a key of unknown kind:
        // the long token formats (JWTs, OAuth tokens) are told by their own shape before this pass.
        private const int MaxLength = 256;

        // Object IDs (item_..., resp_..., cus_...) are random after a short lower-case prefix, and are not secrets;
        // keys with such a prefix (sk_live_, ghp_, npm_ and the rest) are told by their documented format.
        private const int MaxIdPrefixLength = 12;
        private const double MinEntropy = 3.9;
        private const double MaxWordShare = 0.35;

        public static void Scan(string text, List<SecretMatch> found)
        {
            int i = 0;
            while (i < text.Length)
            {
                if (!CharSet.Base64.Contains(text[i]))
                {
                    i++;
                    continue;
                }

                int end = CharSet.Base64.RunEnd(text, i, text.Length);
                int length = end - i;
                if (length == AzureDevOpsTokenLength && IsAzureDevOpsToken(text, i, end))
                {
                    found.Add(new SecretMatch(i, length, SensitiveTextKind.ServiceToken, "an Azure DevOps personal access token"));
                }
                else if (length >= MinLength && length <= MaxLength && !HasIdPrefix(text, i, end) && LooksOpaque(TokenShape.Of(text, i, end)))
                {
                    int padded = end;
                    while (padded < text.Length && padded - end < 2 && text[padded] == '=')
                    {
                        padded++;
                    }

                    found.Add(new SecretMatch(i, padded - i, SensitiveTextKind.OpaqueToken, "a long random string (a key or token of unknown kind)"));
                }

                i = end;
            }
        }

        private static bool HasIdPrefix(string text, int start, int end)
        {
            int i = start;
            while (i < end && i - start <= MaxIdPrefixLength && CharSet.Lower.Contains(text[i]))
            {
                i++;
            }

            return i - start >= 2 && i - start <= MaxIdPrefixLength && i < end && (text[i] == '_' || text[i] == '-');
        }

        /// <summary>Azure DevOps tokens are 52 characters of lower-case base32, a shape no word has.</summary>
        private static bool IsAzureDevOpsToken(string text, int start, int end)
        {
            int digits = 0;
            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (c >= '2' && c <= '7')
                {
                    digits++;
                }
                else if (!CharSet.Lower.Contains(c))
                {
                    return false;
                }
            }

            return digits >= 3;
        }

        private static bool LooksOpaque(TokenShape shape) =>
            shape.Upper >= 2 && shape.Lower >= 2 && shape.Digits >= 2 && shape.NonHex > 0
            && shape.WordShare <= MaxWordShare && shape.Entropy >= MinEntropy;
    }
}
