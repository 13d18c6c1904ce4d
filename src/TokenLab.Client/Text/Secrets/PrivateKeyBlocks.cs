using System;
using System.Collections.Generic;

namespace TokenLab.Client.Text.Secrets
{
    /// <summary>
    /// PEM private key blocks (RSA, EC, OpenSSH, PKCS#8, encrypted, PGP) from their BEGIN line to their END line,
    /// or to the end of the text when the END line is missing; and PuTTY key files.
    /// </summary>
    internal static class PrivateKeyBlocks
    {
        private const string Begin = "-----BEGIN ";
        private const string End = "-----END ";
        private const string Dashes = "-----";
        private const string PuttyHeader = "PuTTY-User-Key-File-";
        private const string PuttyLastLine = "Private-MAC:";
        private const int MaxLabelLength = 64;

        public static void Scan(string text, List<SecretMatch> found)
        {
            int position = 0;
            while ((position = text.IndexOf(Begin, position, StringComparison.Ordinal)) >= 0)
            {
                int labelStart = position + Begin.Length;
                int labelEnd = text.IndexOf(Dashes, labelStart, Math.Min(MaxLabelLength, text.Length - labelStart), StringComparison.Ordinal);
                if (labelEnd < 0 || !IsPrivateKeyLabel(text, labelStart, labelEnd))
                {
                    position = labelStart;
                    continue;
                }

                int blockEnd = EndOfBlock(text, labelEnd + Dashes.Length);
                found.Add(new SecretMatch(position, blockEnd - position, SensitiveTextKind.PrivateKey, "a private key block"));
                position = blockEnd;
            }

            position = 0;
            while ((position = text.IndexOf(PuttyHeader, position, StringComparison.Ordinal)) >= 0)
            {
                int mac = text.IndexOf(PuttyLastLine, position, StringComparison.Ordinal);
                int end = mac < 0 ? text.Length : LineEnd(text, mac);
                found.Add(new SecretMatch(position, end - position, SensitiveTextKind.PrivateKey, "a PuTTY private key"));
                position = end;
            }
        }

        private static bool IsPrivateKeyLabel(string text, int start, int end)
        {
            string label = text.Substring(start, end - start);
            return label.EndsWith("PRIVATE KEY", StringComparison.Ordinal) || label.EndsWith("PRIVATE KEY BLOCK", StringComparison.Ordinal);
        }

        /// <summary>Just past the first private-key END line after <paramref name="from"/>, or the end of the text.</summary>
        private static int EndOfBlock(string text, int from)
        {
            int position = from;
            while ((position = text.IndexOf(End, position, StringComparison.Ordinal)) >= 0)
            {
                int labelStart = position + End.Length;
                int labelEnd = text.IndexOf(Dashes, labelStart, Math.Min(MaxLabelLength, text.Length - labelStart), StringComparison.Ordinal);
                if (labelEnd >= 0 && IsPrivateKeyLabel(text, labelStart, labelEnd))
                {
                    return labelEnd + Dashes.Length;
                }

                position = labelStart;
            }

            return text.Length;
        }

        private static int LineEnd(string text, int from)
        {
            int newline = text.IndexOf('\n', from);
            return newline < 0 ? text.Length : newline;
        }
    }
}
