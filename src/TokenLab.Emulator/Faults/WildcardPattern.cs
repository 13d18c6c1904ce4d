namespace TokenLab.Emulator.Faults;

/// <summary>Path patterns where '*' matches any run of characters, '/' included. Case-insensitive.</summary>
internal static class WildcardPattern
{
    public static bool IsMatch(string pattern, string text)
    {
        // Greedy match with backtracking to the last '*': linear for the short patterns tests write.
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (p < pattern.Length && char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(text[t]))
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
