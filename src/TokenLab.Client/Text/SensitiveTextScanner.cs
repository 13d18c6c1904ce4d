using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace TokenLab.Client.Text
{
    /// <summary>
    /// Finds credentials in text before it is sent somewhere it would be exposed (for example
    /// spoken aloud in generated audio): API keys, tokens, private keys, passwords in connection
    /// strings, and URLs that carry credentials or signatures. A pure function: it reports kinds
    /// and positions, never the secrets.
    /// </summary>
    public static class SensitiveTextScanner
    {
        // Bounded so a pathological input cannot stall a pipeline.
        private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

        private static readonly Rule[] Rules =
        {
            new Rule(SensitiveTextKind.TokenLabApiKey, "a TokenLab API key (sk-\u2026)", @"(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{16,}"),
            new Rule(SensitiveTextKind.TokenLabManagementToken, "a TokenLab management token (mt-\u2026)", @"(?<![A-Za-z0-9_-])mt-[A-Za-z0-9_-]{16,}"),
            new Rule(SensitiveTextKind.BearerToken, "a bearer token", @"\b[Bb]earer\s+[A-Za-z0-9\-._~+/]{16,}=*"),
            new Rule(SensitiveTextKind.AwsKey, "an AWS access key ID", @"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
            new Rule(SensitiveTextKind.AwsKey, "an AWS secret access key", @"(?i)\baws_?secret_?access_?key\b\s*[:=]\s*\S{20,}"),
            new Rule(SensitiveTextKind.ServiceToken, "a GitHub token", @"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})"),
            new Rule(SensitiveTextKind.ServiceToken, "a Slack token", @"\bxox[abposr]-[A-Za-z0-9-]{10,}"),
            new Rule(SensitiveTextKind.ServiceToken, "a Google API key", @"\bAIza[0-9A-Za-z_-]{35}"),
            new Rule(SensitiveTextKind.JsonWebToken, "a JSON Web Token", @"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),
            new Rule(SensitiveTextKind.PrivateKey, "a private key block",
                @"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|[\s\S]*)"),
            new Rule(SensitiveTextKind.ConnectionStringPassword, "a password in a connection string", @"(?i)(?<![A-Za-z])(?:password|pwd)\s*=\s*(?:'[^']+'|""[^""]+""|[^;\s'""]+)"),
            new Rule(SensitiveTextKind.UrlWithCredentials, "a URL with a user name and password", @"\b[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@"),
            new Rule(SensitiveTextKind.SignedUrl, "a URL with a signature, token or key in its query string",
                @"(?i)\bhttps?://[^\s?#]+\?(?:[^\s#]*&)?(?:sig|signature|x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential|token|access_token|id_token|auth|api[_-]?key|apikey|key|secret|client_secret|password|code)=[^&\s#]+"),
        };

        /// <summary>Every secret-shaped match in <paramref name="text"/>, in text order; empty when none.</summary>
        public static IReadOnlyList<SensitiveTextFinding> Scan(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return Array.Empty<SensitiveTextFinding>();
            }

            var findings = new List<SensitiveTextFinding>();
            foreach (Rule rule in Rules)
            {
                foreach (Match match in rule.Pattern.Matches(text))
                {
                    // Two rules can see one secret (a bearer token that is also an sk- key): report it once.
                    if (!findings.Any(f => f.Index < match.Index + match.Length && match.Index < f.Index + f.Length))
                    {
                        (int line, int column) = Position(text!, match.Index);
                        findings.Add(new SensitiveTextFinding(rule.Kind, rule.Description, match.Index, match.Length, line, column));
                    }
                }
            }

            return findings.OrderBy(f => f.Index).ToList();
        }

        private static (int Line, int Column) Position(string text, int index)
        {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < index; i++)
            {
                if (text[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            return (line, index - lineStart + 1);
        }

        private sealed class Rule
        {
            public Rule(SensitiveTextKind kind, string description, string pattern)
            {
                Kind = kind;
                Description = description;
                Pattern = new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
            }

            public SensitiveTextKind Kind { get; }

            public string Description { get; }

            public Regex Pattern { get; }
        }
    }
}
