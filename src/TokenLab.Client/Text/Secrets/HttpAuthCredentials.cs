using System;
using System.Collections.Generic;

namespace TokenLab.Client.Text.Secrets
{
    /// <summary>
    /// Credentials written the way an Authorization header carries them: "Bearer &lt;token&gt;", where the token
    /// looks random, and "Basic &lt;base64&gt;", where the base64 decodes to printable "user:password".
    /// </summary>
    internal static class HttpAuthCredentials
    {
        private const int MinBearerLength = 16;
        private const int MinBasicLength = 8;
        private const int MaxBasicLength = 1024;
        private const int MaxGap = 4;

        private static readonly CharSet BearerChars = CharSet.Word.With("._~+/");
        private static readonly CharSet Base64Chars = CharSet.Alnum.With("+/");
        private static readonly char[] SchemeInitials = { 'B', 'b' };

        public static void Scan(string text, List<SecretMatch> found)
        {
            int i = 0;
            while ((i = text.IndexOfAny(SchemeInitials, i)) >= 0)
            {
                int end = -1;
                if (CharSet.StartsToken(text, i))
                {
                    end = MatchScheme(text, i, "earer", BearerEnd) is int bearer && bearer > 0 ? Add(found, text, i, bearer, SensitiveTextKind.BearerToken, "a bearer token")
                        : MatchScheme(text, i, "asic", BasicEnd) is int basic && basic > 0 ? Add(found, text, i, basic, SensitiveTextKind.BasicCredentials, "HTTP Basic credentials")
                        : -1;
                }

                i = end > 0 ? end : i + 1;
            }
        }

        private static int Add(List<SecretMatch> found, string text, int start, int end, SensitiveTextKind kind, string description)
        {
            found.Add(new SecretMatch(start, end - start, kind, description));
            return end;
        }

        /// <summary>The end of "&lt;B&gt;&lt;rest&gt; &lt;credential&gt;" at <paramref name="start"/>, or -1.</summary>
        private static int MatchScheme(string text, int start, string rest, Func<string, int, int> credentialEnd)
        {
            int position = start + 1;
            if (string.CompareOrdinal(text, position, rest, 0, rest.Length) != 0)
            {
                return -1;
            }

            position += rest.Length;
            int gapEnd = position;
            while (gapEnd < text.Length && gapEnd - position < MaxGap && text[gapEnd] == ' ')
            {
                gapEnd++;
            }

            return gapEnd == position ? -1 : credentialEnd(text, gapEnd);
        }

        private static int BearerEnd(string text, int start)
        {
            int end = Padded(text, BearerChars.RunEnd(text, start, text.Length));
            return end - start >= MinBearerLength && TokenShape.Of(text, start, end).LooksRandom ? end : -1;
        }

        private static int BasicEnd(string text, int start)
        {
            int end = Padded(text, Base64Chars.RunEnd(text, start, start + MaxBasicLength + 1));
            int length = end - start;
            if (length < MinBasicLength || length > MaxBasicLength || length % 4 != 0 || (end < text.Length && CharSet.Word.Contains(text[end])))
            {
                return -1;
            }

            byte[] decoded;
            try
            {
                decoded = Convert.FromBase64String(text.Substring(start, length));
            }
            catch (FormatException)
            {
                return -1;
            }

            bool hasColon = false;
            foreach (byte b in decoded)
            {
                if (b < 0x20 || b > 0x7E)
                {
                    return -1;
                }

                hasColon |= b == ':';
            }

            return hasColon ? end : -1;
        }

        private static int Padded(string text, int end)
        {
            for (int pad = 0; pad < 2 && end < text.Length && text[end] == '='; pad++)
            {
                end++;
            }

            return end;
        }
    }
}
