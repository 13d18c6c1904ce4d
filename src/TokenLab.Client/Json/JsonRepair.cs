using System;
using System.Text;

namespace TokenLab.Client.Json
{
    /// <summary>
    /// Repairs what System.Text.Json parses but then refuses to read as a string (InvalidOperationException):
    /// a lone surrogate escape (<c>"\ud83d"</c>, a server cutting an emoji across two deltas) and invalid
    /// UTF-8. Both become U+FFFD, as a text decoder would show them. Used only after a read failed, so
    /// well-formed messages cost nothing.
    /// </summary>
    internal static class JsonRepair
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);
        private static readonly byte[] ReplacementEscape = Encoding.ASCII.GetBytes("\\ufffd");

        /// <summary>The repaired copy of <paramref name="utf8"/>; null when there is nothing to repair.</summary>
        public static byte[]? Repair(ReadOnlySpan<byte> utf8)
        {
            byte[] text = utf8.ToArray();
            bool repaired = false;
            try
            {
                StrictUtf8.GetCharCount(text);
            }
            catch (DecoderFallbackException)
            {
                // The default decoder and encoder replace each invalid sequence with U+FFFD.
                text = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(text));
                repaired = true;
            }

            return ReplaceLoneSurrogateEscapes(text) || repaired ? text : null;
        }

        /// <summary>Overwrites each \uD800–\uDFFF escape that is not half of a pair with \ufffd (the same length).</summary>
        private static bool ReplaceLoneSurrogateEscapes(byte[] text)
        {
            bool replaced = false;
            int i = 0;
            while (i < text.Length - 1)
            {
                if (text[i] != '\\')
                {
                    i++;
                    continue;
                }

                // A backslash outside a string is a syntax error either way, so every one starts an escape.
                int? unit = EscapedUnit(text, i);
                if (unit is null)
                {
                    i += 2;
                    continue;
                }

                if (unit >= 0xD800 && unit <= 0xDBFF && EscapedUnit(text, i + 6) is int low && low >= 0xDC00 && low <= 0xDFFF)
                {
                    i += 12;
                    continue;
                }

                if (unit >= 0xD800 && unit <= 0xDFFF)
                {
                    ReplacementEscape.CopyTo(text, i);
                    replaced = true;
                }

                i += 6;
            }

            return replaced;
        }

        /// <summary>The code unit of a \uXXXX escape at <paramref name="at"/>; null for anything else.</summary>
        private static int? EscapedUnit(byte[] text, int at)
        {
            if (at + 6 > text.Length || text[at] != '\\' || text[at + 1] != 'u')
            {
                return null;
            }

            int unit = 0;
            for (int k = at + 2; k < at + 6; k++)
            {
                int digit = HexValue(text[k]);
                if (digit < 0)
                {
                    return null;
                }

                unit = (unit << 4) | digit;
            }

            return unit;
        }

        private static int HexValue(byte b) =>
            b >= '0' && b <= '9' ? b - '0'
            : b >= 'a' && b <= 'f' ? b - 'a' + 10
            : b >= 'A' && b <= 'F' ? b - 'A' + 10
            : -1;
    }
}
