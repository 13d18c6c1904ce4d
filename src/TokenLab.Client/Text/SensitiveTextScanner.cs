using System;
using System.Collections.Generic;
using TokenLab.Client.Text.Secrets;

namespace TokenLab.Client.Text
{
    /// <summary>
    /// Finds credentials in text before it is sent somewhere it would be exposed (for example spoken aloud in
    /// generated audio): keys and tokens of documented formats, private keys, passwords and keys in connection
    /// strings and settings, HTTP credentials, URLs that carry credentials or signatures, and long random
    /// strings. A pure function: it reports kinds and positions, never the secrets.
    /// </summary>
    /// <remarks>
    /// Every detector reads the text in one forward pass with bounded look-around and no backtracking, so the
    /// scan is linear in the length of the text, whatever the text holds; there is no regular expression to
    /// time out.
    /// </remarks>
    public static class SensitiveTextScanner
    {
        // In order of precedence: where two detectors see the same characters, the earlier one names the finding.
        private static readonly Action<string, List<SecretMatch>>[] Detectors =
        {
            KnownTokens.Scan,
            EntraClientSecrets.Scan,
            PrivateKeyBlocks.Scan,
            SecretUrls.Scan,
            SecretAssignments.Scan,
            HttpAuthCredentials.Scan,
            OpaqueTokens.Scan,
        };

        /// <summary>Every secret-shaped match in <paramref name="text"/>, in text order; empty when none.</summary>
        public static IReadOnlyList<SensitiveTextFinding> Scan(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return Array.Empty<SensitiveTextFinding>();
            }

            var found = new List<SecretMatch>();
            var precedence = new List<int>();
            for (int detector = 0; detector < Detectors.Length; detector++)
            {
                int before = found.Count;
                Detectors[detector](text!, found);
                for (int i = before; i < found.Count; i++)
                {
                    precedence.Add(detector);
                }
            }

            return Findings(text!, Merge(found, precedence));
        }

        /// <summary>
        /// The matches in text order, overlapping ones joined: a secret seen by two detectors (a bearer token that is
        /// also an sk- key, a signed URL that holds an access key ID) is one finding that covers all of it, named by
        /// the detector that comes first.
        /// </summary>
        private static List<SecretMatch> Merge(List<SecretMatch> found, List<int> precedence)
        {
            var order = new int[found.Count];
            for (int i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (a, b) => found[a].Index != found[b].Index ? found[a].Index.CompareTo(found[b].Index) : precedence[a].CompareTo(precedence[b]));

            var merged = new List<SecretMatch>();
            int current = -1;
            int start = 0, end = 0;
            foreach (int next in order)
            {
                SecretMatch match = found[next];
                if (current >= 0 && match.Index < end)
                {
                    end = Math.Max(end, match.End);
                    current = precedence[next] < precedence[current] ? next : current;
                    continue;
                }

                if (current >= 0)
                {
                    merged.Add(new SecretMatch(start, end - start, found[current].Kind, found[current].Description));
                }

                current = next;
                start = match.Index;
                end = match.End;
            }

            if (current >= 0)
            {
                merged.Add(new SecretMatch(start, end - start, found[current].Kind, found[current].Description));
            }

            return merged;
        }

        /// <summary>The findings with their lines and columns, counted in one pass over the text.</summary>
        private static IReadOnlyList<SensitiveTextFinding> Findings(string text, List<SecretMatch> matches)
        {
            var findings = new List<SensitiveTextFinding>(matches.Count);
            int line = 1;
            int lineStart = 0;
            int position = 0;
            foreach (SecretMatch match in matches)
            {
                for (; position < match.Index; position++)
                {
                    if (text[position] == '\n')
                    {
                        line++;
                        lineStart = position + 1;
                    }
                }

                findings.Add(new SensitiveTextFinding(match.Kind, match.Description, match.Index, match.Length, line, match.Index - lineStart + 1));
            }

            return findings;
        }
    }
}
