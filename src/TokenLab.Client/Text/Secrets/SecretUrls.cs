using System;
using System.Collections.Generic;

namespace TokenLab.Client.Text.Secrets
{
    /// <summary>
    /// URLs that carry a credential: a user name and password (or a token) before the host, a signature, token
    /// or key in the query string, or a webhook address whose path is itself the secret.
    /// </summary>
    internal static class SecretUrls
    {
        private const string SchemeSeparator = "://";
        private const int MaxSchemeLength = 32;
        private const int MinUserTokenLength = 16;

        private static readonly CharSet SchemeChars = CharSet.Alnum.With("+.-");

        private static readonly string[] SecretParameters =
        {
            "sig", "signature", "x-amz-signature", "x-amz-credential", "x-amz-security-token", "x-goog-signature",
            "x-goog-credential", "token", "access_token", "id_token", "refresh_token", "auth", "api_key", "api-key",
            "apikey", "key", "secret", "client_secret", "password", "pwd", "code",
        };

        // The path of these addresses is the credential: anyone who has it can post.
        private static readonly string[] WebhookPaths =
        {
            "hooks.slack.com/services/", "discord.com/api/webhooks/", "discordapp.com/api/webhooks/", ".webhook.office.com/webhookb2/",
            "outlook.office.com/webhook/",
        };

        public static void Scan(string text, List<SecretMatch> found)
        {
            int position = 0;
            while ((position = text.IndexOf(SchemeSeparator, position, StringComparison.Ordinal)) >= 0)
            {
                int start = SchemeStart(text, position);
                int end = UrlEnd(text, position + SchemeSeparator.Length);
                if (start >= 0 && Find(text, start, position + SchemeSeparator.Length, end) is SecretMatch match)
                {
                    found.Add(match);
                }

                position = Math.Max(end, position + SchemeSeparator.Length);
            }
        }

        private static SecretMatch? Find(string text, int start, int authorityStart, int end)
        {
            int authorityEnd = authorityStart;
            while (authorityEnd < end && text[authorityEnd] != '/' && text[authorityEnd] != '?' && text[authorityEnd] != '#')
            {
                authorityEnd++;
            }

            int at = text.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart);
            if (at > authorityStart)
            {
                int colon = text.IndexOf(':', authorityStart, at - authorityStart);
                if (colon >= 0 && colon < at - 1)
                {
                    return new SecretMatch(start, at + 1 - start, SensitiveTextKind.UrlWithCredentials, "a URL with a user name and password");
                }

                if (colon < 0 && at - authorityStart >= MinUserTokenLength && TokenShape.Of(text, authorityStart, at).LooksRandom)
                {
                    return new SecretMatch(start, at + 1 - start, SensitiveTextKind.UrlWithCredentials, "a URL with a token in place of a user name");
                }
            }

            foreach (string webhook in WebhookPaths)
            {
                int hit = text.IndexOf(webhook, authorityStart, end - authorityStart, StringComparison.OrdinalIgnoreCase);
                if (hit >= 0 && hit + webhook.Length < end)
                {
                    return new SecretMatch(start, end - start, SensitiveTextKind.SignedUrl, "a webhook URL, whose path is its secret");
                }
            }

            int query = text.IndexOf('?', authorityEnd, end - authorityEnd);
            return query < 0 ? null : FindInQuery(text, start, query + 1, end);
        }

        private static SecretMatch? FindInQuery(string text, int urlStart, int queryStart, int end)
        {
            int fragment = text.IndexOf('#', queryStart, end - queryStart);
            int queryEnd = fragment < 0 ? end : fragment;
            int parameter = queryStart;
            while (parameter < queryEnd)
            {
                int next = parameter;
                while (next < queryEnd && text[next] != '&' && text[next] != ';')
                {
                    next++;
                }

                int equals = text.IndexOf('=', parameter, next - parameter);
                if (equals > parameter && equals < next - 1 && IsSecretParameter(text, parameter, equals))
                {
                    // The whole URL: a signed URL often carries more than one secret parameter.
                    return new SecretMatch(urlStart, end - urlStart, SensitiveTextKind.SignedUrl, "a URL with a signature, token or key in its query string");
                }

                parameter = next + 1;
            }

            return null;
        }

        private static bool IsSecretParameter(string text, int start, int end)
        {
            foreach (string name in SecretParameters)
            {
                if (name.Length == end - start && string.Compare(text, start, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Where the scheme before "://" at <paramref name="separator"/> starts, or -1 when there is none.</summary>
        private static int SchemeStart(string text, int separator)
        {
            int start = separator;
            while (start > 0 && separator - start < MaxSchemeLength && SchemeChars.Contains(text[start - 1]))
            {
                start--;
            }

            while (start < separator && !CharSet.Letter.Contains(text[start]))
            {
                start++;
            }

            return start < separator ? start : -1;
        }

        private static int UrlEnd(string text, int from)
        {
            int end = from;
            while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '<' && text[end] != '>' && text[end] != '"' && text[end] != '\'' && text[end] != '`')
            {
                end++;
            }

            return end;
        }
    }
}
