using System;
using System.Collections.Generic;
using System.Text;

namespace TokenLab.Client.Text
{
    /// <summary>
    /// Cuts text that is too long for one speech request into parts of at most a given length: at
    /// sentence ends where possible, else between words, and only as a last resort inside a word (never
    /// inside a surrogate pair). Parts are trimmed; joined with spaces they say the same thing.
    /// </summary>
    public static class SpeechTextSplitter
    {
        private const string SentenceEnds = ".!?\u2026\u3002\uFF01\uFF1F";
        private const string Closers = "\"')]}\u201D\u2019\u00BB";

        /// <summary>The parts of <paramref name="text"/>; one part when it already fits.</summary>
        public static IReadOnlyList<string> Split(string text, int maxLength)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            if (maxLength < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(maxLength), "Parts must allow at least two characters.");
            }

            var parts = new List<string>();
            var current = new StringBuilder();
            foreach (string sentence in Sentences(text))
            {
                Add(sentence, maxLength, current, parts, Words);
            }

            Flush(current, parts);
            return parts;
        }

        /// <summary>Appends a segment to the part being built, splitting it further when it alone is too long.</summary>
        private static void Add(string segment, int maxLength, StringBuilder current, List<string> parts, Func<string, IEnumerable<string>>? finer)
        {
            if (current.Length + segment.TrimEnd().Length <= maxLength)
            {
                current.Append(segment);
                return;
            }

            Flush(current, parts);
            if (segment.Trim().Length <= maxLength)
            {
                current.Append(segment.TrimStart());
                return;
            }

            foreach (string piece in finer is null ? HardPieces(segment.Trim(), maxLength) : finer(segment))
            {
                Add(piece, maxLength, current, parts, null);
            }
        }

        private static void Flush(StringBuilder current, List<string> parts)
        {
            string part = current.ToString().Trim();
            if (part.Length > 0)
            {
                parts.Add(part);
            }

            current.Clear();
        }

        /// <summary>Sentences with their trailing whitespace: an end mark (and closing quotes) before whitespace, or a line break.</summary>
        private static IEnumerable<string> Sentences(string text)
        {
            int start = 0;
            for (int i = 0; i < text.Length; i++)
            {
                bool lineBreak = text[i] == '\n';
                bool sentenceEnd = SentenceEnds.IndexOf(text[i]) >= 0 && EndsSentenceAt(text, i);
                if (!lineBreak && !sentenceEnd)
                {
                    continue;
                }

                int end = i + 1;
                while (end < text.Length && (Closers.IndexOf(text[end]) >= 0 || SentenceEnds.IndexOf(text[end]) >= 0))
                {
                    end++;
                }

                while (end < text.Length && char.IsWhiteSpace(text[end]))
                {
                    end++;
                }

                yield return text.Substring(start, end - start);
                start = end;
                i = end - 1;
            }

            if (start < text.Length)
            {
                yield return text.Substring(start);
            }
        }

        /// <summary>True when only closers or end marks stand between position <paramref name="i"/> and whitespace or the end.</summary>
        private static bool EndsSentenceAt(string text, int i)
        {
            int next = i + 1;
            while (next < text.Length && (Closers.IndexOf(text[next]) >= 0 || SentenceEnds.IndexOf(text[next]) >= 0))
            {
                next++;
            }

            return next >= text.Length || char.IsWhiteSpace(text[next]);
        }

        /// <summary>Words with their trailing whitespace.</summary>
        private static IEnumerable<string> Words(string text)
        {
            int start = 0;
            int i = 0;
            while (i < text.Length)
            {
                while (i < text.Length && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                yield return text.Substring(start, i - start);
                start = i;
            }
        }

        /// <summary>Fixed-size pieces of a word longer than a part, never ending between a surrogate pair.</summary>
        private static IEnumerable<string> HardPieces(string word, int maxLength)
        {
            for (int start = 0; start < word.Length;)
            {
                int length = Math.Min(maxLength, word.Length - start);
                if (start + length < word.Length && char.IsHighSurrogate(word[start + length - 1]))
                {
                    length--;
                }

                yield return word.Substring(start, length);
                start += length;
            }
        }
    }
}
