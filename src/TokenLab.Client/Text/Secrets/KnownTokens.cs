using System.Collections.Generic;

namespace TokenLab.Client.Text.Secrets
{
    /// <summary>
    /// Keys and tokens whose format their issuer documents: a fixed prefix (or structure), an alphabet and a
    /// length. Each is tried only where a token starts and only by formats that can start with that character,
    /// and no match reads past its format's length, so the pass is linear in the text.
    /// </summary>
    internal static class KnownTokens
    {
        private static readonly CharSet AlnumUnderscore = CharSet.Alnum.With("_");
        private static readonly CharSet WordEquals = CharSet.Word.With("=");
        private static readonly CharSet Base64Padded = CharSet.Base64.With("=");
        private static readonly CharSet Bech32Upper = new CharSet("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L");

        private static readonly TokenFormat[] Formats =
        {
            new TokenFormat(SensitiveTextKind.TokenLabApiKey, "a TokenLab API key (sk-...)", Prefixed("sk-", CharSet.Word, 16), HasRandomPart),
            new TokenFormat(SensitiveTextKind.TokenLabManagementToken, "a TokenLab management token (mt-...)", Prefixed("mt-", CharSet.Word, 16), HasRandomPart),
            new TokenFormat(SensitiveTextKind.AwsKey, "an AWS access key ID", Prefixed("AKIA", CharSet.UpperAlnum, 16, 16)),
            new TokenFormat(SensitiveTextKind.AwsKey, "an AWS temporary access key ID", Prefixed("ASIA", CharSet.UpperAlnum, 16, 16)),
            Service("a GitHub token", Prefixed("ghp_", CharSet.Alnum, 36, 36)),
            Service("a GitHub token", Prefixed("gho_", CharSet.Alnum, 36, 36)),
            Service("a GitHub token", Prefixed("ghu_", CharSet.Alnum, 36, 36)),
            Service("a GitHub token", Prefixed("ghs_", CharSet.Alnum, 36, 36)),
            Service("a GitHub token", Prefixed("ghr_", CharSet.Alnum, 36, 36)),
            Service("a GitHub token", Prefixed("github_pat_", AlnumUnderscore, 40, 255)),
            Service("a GitLab token", Prefixed("glpat-", CharSet.Word, 20)),
            Service("a GitLab token", Prefixed("glptt-", CharSet.Word, 20)),
            Service("a GitLab token", Prefixed("gldt-", CharSet.Word, 20)),
            Service("a GitLab token", Prefixed("glrt-", CharSet.Word, 20)),
            Service("a GitLab runner token", Prefixed("GR1348941", CharSet.Word, 20)),
            Service("a Slack token", Prefixed("xoxb-", CharSet.Word, 10)),
            Service("a Slack token", Prefixed("xoxp-", CharSet.Word, 10)),
            Service("a Slack token", Prefixed("xoxa-", CharSet.Word, 10)),
            Service("a Slack token", Prefixed("xoxe-", CharSet.Word, 10)),
            Service("a Slack token", Prefixed("xoxo-", CharSet.Word, 10)),
            Service("a Slack token", Prefixed("xoxr-", CharSet.Word, 10)),
            Service("a Slack token", Prefixed("xoxs-", CharSet.Word, 10)),
            Service("a Slack app token", Prefixed("xapp-", CharSet.Word, 10)),
            Service("a Google API key", Prefixed("AIza", CharSet.Word, 33, 40)),
            Service("a Google OAuth access token", Prefixed("ya29.", CharSet.Word, 20)),
            Service("a Google OAuth client secret", Prefixed("GOCSPX-", CharSet.Word, 24, 40)),
            Service("a Stripe secret key", Prefixed("sk_live_", CharSet.Alnum, 20)),
            Service("a Stripe test key", Prefixed("sk_test_", CharSet.Alnum, 20)),
            Service("a Stripe restricted key", Prefixed("rk_live_", CharSet.Alnum, 20)),
            Service("a Stripe restricted key", Prefixed("rk_test_", CharSet.Alnum, 20)),
            Service("a Stripe webhook secret", Prefixed("whsec_", CharSet.Alnum, 24)),
            Service("an npm token", Prefixed("npm_", CharSet.Alnum, 36, 36)),
            Service("a Hugging Face token", Prefixed("hf_", CharSet.Alnum, 30)),
            Service("a SendGrid API key", TokenPattern.Literal("SG.").Then(CharSet.Word, 16, 32).Then(".").Then(CharSet.Word, 30, 50)),
            Service("a Twilio API key", Prefixed("SK", CharSet.Hex, 32, 32)),
            Service("a Mailgun API key", Prefixed("key-", CharSet.Lower.With("0123456789"), 32, 32)),
            Service("a DigitalOcean token", Prefixed("dop_v1_", CharSet.LowerHex, 64, 64)),
            Service("a DigitalOcean token", Prefixed("doo_v1_", CharSet.LowerHex, 64, 64)),
            Service("a DigitalOcean token", Prefixed("dor_v1_", CharSet.LowerHex, 64, 64)),
            Service("a Shopify token", Prefixed("shpat_", CharSet.Hex, 32, 32)),
            Service("a Shopify token", Prefixed("shpca_", CharSet.Hex, 32, 32)),
            Service("a Shopify token", Prefixed("shppa_", CharSet.Hex, 32, 32)),
            Service("a Shopify token", Prefixed("shpss_", CharSet.Hex, 32, 32)),
            Service("a PyPI token", Prefixed("pypi-AgEIcHlwaS5vcmc", CharSet.Word, 50)),
            Service("a Docker Hub token", Prefixed("dckr_pat_", CharSet.Word, 20)),
            Service("a Square token", Prefixed("sq0atp-", CharSet.Word, 22)),
            Service("a Square secret", Prefixed("sq0csp-", CharSet.Word, 22)),
            Service("a Databricks token", Prefixed("dapi", CharSet.LowerHex, 32, 32)),
            Service("a Linear API key", Prefixed("lin_api_", CharSet.Alnum, 40, 40)),
            Service("a Notion token", Prefixed("secret_", CharSet.Alnum, 43, 43)),
            Service("a Notion token", Prefixed("ntn_", CharSet.Alnum, 40, 50)),
            Service("a Postman API key", TokenPattern.Literal("PMAK-").Then(CharSet.LowerHex, 24, 24).Then("-").Then(CharSet.LowerHex, 34, 34)),
            Service("an Atlassian API token", Prefixed("ATATT3", WordEquals, 150, 300)),
            Service("a Bitbucket token", Prefixed("ATBB", CharSet.Alnum, 28, 40)),
            Service("a New Relic key", Prefixed("NRAK-", CharSet.UpperAlnum, 27, 27)),
            Service("a Figma token", Prefixed("figd_", CharSet.Word, 38, 45)),
            Service("a Supabase token", Prefixed("sbp_", CharSet.LowerHex, 40, 40)),
            Service("a HashiCorp Vault token", Prefixed("hvs.", CharSet.Word, 24)),
            Service("a HashiCorp Vault token", Prefixed("hvb.", CharSet.Word, 24)),
            Service("a Sentry token", Prefixed("sntrys_", Base64Padded, 50, 400)),
            Service("an age secret key", Prefixed("AGE-SECRET-KEY-1", Bech32Upper, 58, 58)),
            Service("a Telegram bot token", TokenPattern.Run(CharSet.Digit, 8, 10).Then(":").Then(CharSet.Word, 35, 35)),
            Service("a Discord bot token", TokenPattern.Run(CharSet.Word, 24, 26).Then(".").Then(CharSet.Word, 6, 6).Then(".").Then(CharSet.Word, 27, 38),
                firstChars: new CharSet("MNO")),
            new TokenFormat(SensitiveTextKind.JsonWebToken, "a JSON Web Token",
                TokenPattern.Literal("eyJ").Then(CharSet.Word, 8).Then(".eyJ").Then(CharSet.Word, 8).Then(".").Then(CharSet.Word, 8)),
        };

        /// <summary>The formats that can start with each ASCII character.</summary>
        private static readonly TokenFormat[]?[] ByFirstChar = Index(Formats);

        public static void Scan(string text, List<SecretMatch> found)
        {
            int i = 0;
            while (i < text.Length)
            {
                int end = -1;
                char c = text[i];
                if (c < 128 && ByFirstChar[c] is TokenFormat[] candidates && CharSet.StartsToken(text, i))
                {
                    foreach (TokenFormat format in candidates)
                    {
                        end = format.MatchAt(text, i);
                        if (end > 0)
                        {
                            found.Add(new SecretMatch(i, end - i, format.Kind, format.Description));
                            break;
                        }
                    }
                }

                i = end > 0 ? end : i + 1;
            }
        }

        private static TokenPattern Prefixed(string prefix, CharSet body, int min, int max = int.MaxValue) =>
            TokenPattern.Literal(prefix).Then(body, min, max);

        private static TokenFormat Service(string description, TokenPattern pattern, System.Func<string, int, int, bool>? accepts = null, CharSet? firstChars = null) =>
            new TokenFormat(SensitiveTextKind.ServiceToken, description, pattern, accepts, firstChars);

        /// <summary>sk- and mt- keys have a random part; "sk-learn-compatible" is a hyphenated word.</summary>
        private static bool HasRandomPart(string text, int start, int end)
        {
            int partStart = text.IndexOf('-', start) + 1;
            for (int i = partStart; i <= end; i++)
            {
                if (i == end || text[i] == '-' || text[i] == '_')
                {
                    if (i - partStart >= 12 && TokenShape.Of(text, partStart, i).LooksRandom)
                    {
                        return true;
                    }

                    partStart = i + 1;
                }
            }

            return false;
        }

        private static TokenFormat[]?[] Index(TokenFormat[] formats)
        {
            var lists = new List<TokenFormat>?[128];
            foreach (TokenFormat format in formats)
            {
                for (char c = (char)0; c < 128; c++)
                {
                    if (format.FirstChars.Contains(c))
                    {
                        (lists[c] ??= new List<TokenFormat>()).Add(format);
                    }
                }
            }

            var index = new TokenFormat[]?[128];
            for (int c = 0; c < 128; c++)
            {
                index[c] = lists[c]?.ToArray();
            }

            return index;
        }
    }
}
