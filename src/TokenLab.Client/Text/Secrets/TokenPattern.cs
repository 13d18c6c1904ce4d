using System;
using System.Collections.Generic;

namespace TokenLab.Client.Text.Secrets
{
    /// <summary>
    /// A token shape as a sequence of literals and character runs, matched greedily with no backtracking, so
    /// a match costs at most the length of what it reads. A run reads at most one character past its maximum:
    /// a longer run is not this shape (an exact count reads no further). Shapes are written so that no run's characters can start the literal
    /// after it, which makes the greedy match the only one.
    /// </summary>
    internal sealed class TokenPattern
    {
        private readonly List<Element> _elements = new List<Element>();

        private TokenPattern()
        {
        }

        /// <summary>The literal the pattern starts with, or null when it starts with a run.</summary>
        public string? LiteralPrefix => _elements[0].Literal;

        /// <summary>Characters that can start a match.</summary>
        public CharSet FirstChars => _elements[0].Literal is string literal ? new CharSet(literal.Substring(0, 1)) : _elements[0].Run!;

        public static TokenPattern Literal(string literal) => new TokenPattern().Then(literal);

        public static TokenPattern Run(CharSet set, int min, int max) => new TokenPattern().Then(set, min, max);

        public static TokenPattern Exactly(CharSet set, int count) => new TokenPattern().ThenExactly(set, count);

        public TokenPattern Then(string literal)
        {
            _elements.Add(new Element(literal, null, 0, 0, exact: false));
            return this;
        }

        /// <summary><paramref name="count"/> characters of <paramref name="set"/>, whatever follows them.</summary>
        public TokenPattern ThenExactly(CharSet set, int count)
        {
            _elements.Add(new Element(null, set, count, count, exact: true));
            return this;
        }

        public TokenPattern Then(CharSet set, int min, int max = int.MaxValue)
        {
            // An unbounded run of word characters leaves no token start inside it, so a failed match is never
            // read again from a later start: that keeps the whole scan linear. Other runs must be bounded.
            if (max == int.MaxValue && !set.IsSubsetOf(CharSet.Word))
            {
                throw new ArgumentException("An unbounded run may hold only word characters.", nameof(set));
            }

            _elements.Add(new Element(null, set, min, max, exact: false));
            return this;
        }

        /// <summary>The end of the match that starts at <paramref name="start"/>, or -1.</summary>
        public int MatchAt(string text, int start)
        {
            int position = start;
            foreach (Element element in _elements)
            {
                if (element.Literal is string literal)
                {
                    if (string.CompareOrdinal(text, position, literal, 0, literal.Length) != 0)
                    {
                        return -1;
                    }

                    position += literal.Length;
                    continue;
                }

                int limit = element.Max == int.MaxValue ? text.Length : position + element.Max + (element.Exact ? 0 : 1);
                int end = element.Run!.RunEnd(text, position, limit);
                int length = end - position;
                if (length < element.Min || length > element.Max)
                {
                    return -1;
                }

                position = end;
            }

            return position;
        }

        private sealed class Element
        {
            public Element(string? literal, CharSet? run, int min, int max, bool exact)
            {
                if (run is not null && min > max)
                {
                    throw new ArgumentOutOfRangeException(nameof(min));
                }

                Literal = literal;
                Run = run;
                Min = min;
                Max = max;
                Exact = exact;
            }

            public string? Literal { get; }

            public CharSet? Run { get; }

            public int Min { get; }

            public int Max { get; }

            /// <summary>Reads exactly <see cref="Max"/> characters and does not look at the next one.</summary>
            public bool Exact { get; }
        }
    }
}
