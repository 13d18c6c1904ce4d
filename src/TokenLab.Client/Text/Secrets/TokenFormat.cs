using System;

namespace TokenLab.Client.Text.Secrets
{
    /// <summary>One documented token format: its shape, the kind it is, and how a finding names it.</summary>
    internal sealed class TokenFormat
    {
        private readonly TokenPattern _pattern;
        private readonly Func<string, int, int, bool>? _accepts;
        private readonly char _second;

        public TokenFormat(SensitiveTextKind kind, string description, TokenPattern pattern, Func<string, int, int, bool>? accepts = null, CharSet? firstChars = null)
        {
            Kind = kind;
            Description = description;
            _pattern = pattern;
            _accepts = accepts;
            FirstChars = firstChars ?? pattern.FirstChars;
            _second = pattern.LiteralPrefix is string prefix && prefix.Length > 1 ? prefix[1] : '\0';
        }

        public SensitiveTextKind Kind { get; }

        public string Description { get; }

        /// <summary>Characters a match can start with; the scanner tries the format only there.</summary>
        public CharSet FirstChars { get; }

        /// <summary>The end of a whole token of this format that starts at <paramref name="start"/>, or -1.</summary>
        public int MatchAt(string text, int start)
        {
            // Most tries fail on the second character of a prefix: settle those without entering the pattern.
            if (_second != '\0' && (start + 1 >= text.Length || text[start + 1] != _second))
            {
                return -1;
            }

            int end = _pattern.MatchAt(text, start);
            if (end < 0 || (end < text.Length && CharSet.Word.Contains(text[end])))
            {
                return -1;
            }

            return _accepts is null || _accepts(text, start, end) ? end : -1;
        }
    }
}
