namespace TokenLab.Client.Text.Secrets
{
    /// <summary>A set of ASCII characters, tested in constant time; nothing outside ASCII is ever a member.</summary>
    internal sealed class CharSet
    {
        private const string LowerLetters = "abcdefghijklmnopqrstuvwxyz";
        private const string UpperLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        private const string Digits = "0123456789";

        public static readonly CharSet Digit = new CharSet(Digits);
        public static readonly CharSet Lower = new CharSet(LowerLetters);
        public static readonly CharSet Upper = new CharSet(UpperLetters);
        public static readonly CharSet Letter = new CharSet(LowerLetters + UpperLetters);
        public static readonly CharSet Alnum = new CharSet(LowerLetters + UpperLetters + Digits);
        public static readonly CharSet UpperAlnum = new CharSet(UpperLetters + Digits);
        public static readonly CharSet LowerHex = new CharSet(Digits + "abcdef");
        public static readonly CharSet Hex = new CharSet(Digits + "abcdefABCDEF");

        /// <summary>Letters, digits, '_' and '-': what keys and tokens are made of, and what joins a word to its neighbour.</summary>
        public static readonly CharSet Word = new CharSet(LowerLetters + UpperLetters + Digits + "_-");

        /// <summary>Base64 and base64url characters, without the '=' padding.</summary>
        public static readonly CharSet Base64 = new CharSet(LowerLetters + UpperLetters + Digits + "+/_-");

        private readonly bool[] _members = new bool[128];

        public CharSet(string members)
        {
            foreach (char c in members)
            {
                _members[c] = true;
            }
        }

        public bool Contains(char c) => c < 128 && _members[c];

        public bool IsSubsetOf(CharSet other)
        {
            for (int i = 0; i < 128; i++)
            {
                if (_members[i] && !other._members[i])
                {
                    return false;
                }
            }

            return true;
        }

        public CharSet With(string more)
        {
            var set = new CharSet(more);
            for (int i = 0; i < 128; i++)
            {
                set._members[i] |= _members[i];
            }

            return set;
        }

        /// <summary>Whether <paramref name="position"/> starts a token: the text starts there or the character before is not a word character.</summary>
        public static bool StartsToken(string text, int position) => position == 0 || !Word.Contains(text[position - 1]);

        /// <summary>The end of the run of members that starts at <paramref name="start"/>, looking no further than <paramref name="limit"/>.</summary>
        public int RunEnd(string text, int start, int limit)
        {
            int end = start;
            int stop = limit < text.Length ? limit : text.Length;
            while (end < stop && Contains(text[end]))
            {
                end++;
            }

            return end;
        }
    }
}
