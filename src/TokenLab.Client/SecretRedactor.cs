using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text;

namespace TokenLab.Client
{
    /// <summary>
    /// Masks the client's secrets (the API key, a proxy password) in text a server sent or an error is built from:
    /// error bodies and their fields, response headers, SSE and realtime error events, close descriptions, trace
    /// lines. A server may echo a secret whole or in part ("Incorrect API key provided: sk-abc…"), and encoded
    /// (\u escapes, HTML entities, percent-encoding): the text is checked as it is and decoded, and any run of a
    /// secret's characters longer than the tail its mask shows is replaced by the mask. A short run (under
    /// <see cref="MinRunInsideWord"/>) inside a longer word is left alone: "local" in "localhost" or "lient" in
    /// "TokenLab.Client" is ordinary text even when the key happens to hold it, not an echo of the key.
    /// </summary>
    internal sealed class SecretRedactor
    {
        /// <summary>A run this long is masked: one more than the key's mask shows (sk-…abcd).</summary>
        private const int MinRunLength = 5;

        /// <summary>A run this long is masked even inside a longer word.</summary>
        private const int MinRunInsideWord = 8;

        // Shorter secrets cannot be told apart from ordinary text; masking them would garble every message.
        private const int MinSecretLength = 4;

        // Layers of encoding undone (a percent-encoded \u escape is two).
        private const int MaxDecodingRounds = 3;

        private readonly List<(string Secret, string Mask)> secrets = new List<(string Secret, string Mask)>();

        public SecretRedactor(string? apiKey, string? proxyPassword)
        {
            Add(apiKey, ApiKeyMask.Mask(apiKey));
            Add(proxyPassword, "***");
        }

        /// <summary>No secrets: text passes unchanged.</summary>
        public static SecretRedactor None { get; } = new SecretRedactor(null, null);

        /// <summary>
        /// <paramref name="text"/> with every secret and every run of one masked. When a secret shows only once the
        /// text is decoded, the decoded text is returned, masked (so no encoding of the secret survives).
        /// </summary>
        public string Redact(string text)
        {
            if (secrets.Count == 0 || text.Length == 0)
            {
                return text;
            }

            string masked = MaskAll(text);
            string decoded = Decode(masked);
            if (decoded == masked)
            {
                return masked;
            }

            string maskedDecoded = MaskAll(decoded);
            return maskedDecoded == decoded ? masked : maskedDecoded;
        }

        /// <summary><see cref="Redact(string)"/> for an optional value.</summary>
        public string? RedactOptional(string? text) => text is null ? null : Redact(text);

        private void Add(string? secret, string mask)
        {
            if (secret != null && secret.Length >= MinSecretLength)
            {
                secrets.Add((secret, mask));
            }
        }

        private string MaskAll(string text)
        {
            foreach ((string secret, string mask) in secrets)
            {
                text = MaskRuns(text, secret, mask);
            }

            return text;
        }

        private static string MaskRuns(string text, string secret, string mask)
        {
            int minRun = Math.Min(MinRunLength, secret.Length);
            StringBuilder? result = null;
            int copied = 0;
            int i = 0;
            while (i <= text.Length - minRun)
            {
                int run = LongestRunAt(text, i, secret);
                if (run < minRun || (run < MinRunInsideWord && run < secret.Length && IsInsideWord(text, i, run)))
                {
                    i++;
                    continue;
                }

                result ??= new StringBuilder(text.Length);
                result.Append(text, copied, i - copied).Append(mask);
                i += run;
                copied = i;
            }

            return result is null ? text : result.Append(text, copied, text.Length - copied).ToString();
        }

        private static bool IsInsideWord(string text, int start, int length) =>
            (start > 0 && char.IsLetterOrDigit(text[start - 1]))
            || (start + length < text.Length && char.IsLetterOrDigit(text[start + length]));

        /// <summary>The length of the longest piece of <paramref name="secret"/> that <paramref name="text"/> holds at <paramref name="start"/>.</summary>
        private static int LongestRunAt(string text, int start, string secret)
        {
            int longest = 0;
            for (int from = secret.IndexOf(text[start]); from >= 0; from = secret.IndexOf(text[start], from + 1))
            {
                int length = 1;
                while (start + length < text.Length && from + length < secret.Length && text[start + length] == secret[from + length])
                {
                    length++;
                }

                longest = Math.Max(longest, length);
            }

            return longest;
        }

        private static string Decode(string text)
        {
            for (int round = 0; round < MaxDecodingRounds; round++)
            {
                string next = Uri.UnescapeDataString(WebUtility.HtmlDecode(JsonUnescape(text)));
                if (next == text)
                {
                    break;
                }

                text = next;
            }

            return text;
        }

        /// <summary>Undoes JSON string escapes (\uXXXX, \n, \", …) wherever they appear; other text is kept.</summary>
        private static string JsonUnescape(string text)
        {
            if (text.IndexOf('\\') < 0)
            {
                return text;
            }

            var result = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c != '\\' || i + 1 == text.Length)
                {
                    result.Append(c);
                    continue;
                }

                char next = text[i + 1];
                if (next == 'u' && i + 5 < text.Length
                    && ushort.TryParse(text.Substring(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort code))
                {
                    result.Append((char)code);
                    i += 5;
                    continue;
                }

                string? simple = next switch
                {
                    '"' => "\"",
                    '\\' => "\\",
                    '/' => "/",
                    'b' => "\b",
                    'f' => "\f",
                    'n' => "\n",
                    'r' => "\r",
                    't' => "\t",
                    _ => null,
                };
                if (simple is null)
                {
                    result.Append(c);
                    continue;
                }

                result.Append(simple);
                i++;
            }

            return result.ToString();
        }
    }
}
