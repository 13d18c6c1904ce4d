using System;

namespace TokenLab.Client.Text.Secrets
{
    /// <summary>
    /// What a span of text is made of, read in one pass: character classes, how much of it reads as words,
    /// and its Shannon entropy. Tells a random key from a hyphenated phrase, a CamelCase name or a hash.
    /// </summary>
    internal readonly struct TokenShape
    {
        private TokenShape(int length, int upper, int lower, int digits, int nonHex, int inWords, double entropy)
        {
            Length = length;
            Upper = upper;
            Lower = lower;
            Digits = digits;
            NonHex = nonHex;
            InWords = inWords;
            Entropy = entropy;
        }

        public int Length { get; }

        public int Upper { get; }

        public int Lower { get; }

        public int Digits { get; }

        /// <summary>Letters beyond a-f and A-F.</summary>
        public int NonHex { get; }

        /// <summary>Characters that belong to a word: a run of four or more lower-case letters, with the capital before it.</summary>
        public int InWords { get; }

        /// <summary>Bits per character.</summary>
        public double Entropy { get; }

        public double WordShare => Length == 0 ? 0 : (double)InWords / Length;

        public static TokenShape Of(string text, int start, int end)
        {
            int upper = 0, lower = 0, digits = 0, nonHex = 0, inWords = 0, lowerRun = 0;
            var counts = new int[128];
            int counted = 0;
            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (c < 128)
                {
                    counts[c]++;
                    counted++;
                }

                bool isLower = CharSet.Lower.Contains(c);
                if (isLower)
                {
                    lower++;
                    lowerRun++;
                }
                else
                {
                    inWords += WordLength(text, i, lowerRun);
                    lowerRun = 0;
                }

                if (CharSet.Upper.Contains(c))
                {
                    upper++;
                }
                else if (CharSet.Digit.Contains(c))
                {
                    digits++;
                }

                if (CharSet.Letter.Contains(c) && !CharSet.Hex.Contains(c))
                {
                    nonHex++;
                }
            }

            inWords += WordLength(text, end, lowerRun);
            return new TokenShape(end - start, upper, lower, digits, nonHex, inWords, EntropyOf(counts, counted));
        }

        /// <summary>A token that looks random rather than written: digits among letters, or mixed case that is not CamelCase words.</summary>
        public bool LooksRandom => (Digits > 0 && Upper + Lower > 0) || (Upper > 0 && Lower > 0 && WordShare < 0.5);

        private static int WordLength(string text, int runEnd, int lowerRun)
        {
            if (lowerRun < 4)
            {
                return 0;
            }

            int runStart = runEnd - lowerRun;
            return runStart > 0 && CharSet.Upper.Contains(text[runStart - 1]) ? lowerRun + 1 : lowerRun;
        }

        private static double EntropyOf(int[] counts, int total)
        {
            if (total == 0)
            {
                return 0;
            }

            double entropy = 0;
            foreach (int count in counts)
            {
                if (count > 0)
                {
                    double p = (double)count / total;
                    entropy -= p * Math.Log(p, 2);
                }
            }

            return entropy;
        }
    }
}
