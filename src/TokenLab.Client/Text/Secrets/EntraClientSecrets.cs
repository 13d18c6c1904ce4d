using System;
using System.Collections.Generic;

namespace TokenLab.Client.Text.Secrets
{
    /// <summary>
    /// Microsoft Entra ID (Azure AD) client secrets: three characters, a digit, "Q~", then 31 to 34 more of
    /// [A-Za-z0-9_~.-]. They have no prefix, so the pass looks for the "Q~" that every one of them carries.
    /// </summary>
    internal static class EntraClientSecrets
    {
        private const string Marker = "Q~";
        private const int CharsBeforeMarker = 4;

        private static readonly CharSet SecretChars = CharSet.Word.With("~.");
        private static readonly TokenPattern Shape =
            TokenPattern.Exactly(SecretChars, 3).ThenExactly(CharSet.Digit, 1).Then(Marker).Then(SecretChars, 31, 34);

        public static void Scan(string text, List<SecretMatch> found)
        {
            int position = 0;
            while ((position = text.IndexOf(Marker, position, StringComparison.Ordinal)) >= 0)
            {
                int start = position - CharsBeforeMarker;
                int end = start >= 0 && CharSet.StartsToken(text, start) ? Shape.MatchAt(text, start) : -1;
                if (end > 0 && (end == text.Length || !SecretChars.Contains(text[end])))
                {
                    found.Add(new SecretMatch(start, end - start, SensitiveTextKind.ServiceToken, "a Microsoft Entra ID client secret"));
                    position = end;
                }
                else
                {
                    position += Marker.Length;
                }
            }
        }
    }
}
