using System;
using System.Collections.Generic;

namespace TokenLab.Client.Text.Secrets
{
    /// <summary>
    /// Secrets given as the value of a setting whose name says what it is: Password=… in a connection string,
    /// AccountKey=… in an Azure Storage one, "client_secret": "…" in JSON, password: … on a YAML or INI line.
    /// Command-line options count too (--password 'value'). A value after ':' counts only where the line is a setting (the name starts the line and the value ends
    /// it, or the name is quoted), so "Reset your password: open the portal" is prose. Placeholders
    /// (&lt;password&gt;, ${SECRET}, %PWD%, ****) and words such as true or null are not secrets.
    /// </summary>
    internal static class SecretAssignments
    {
        private const int MaxNameLength = 64;
        private const int MaxValueLength = 1024;
        private const int MaxGap = 8;

        // Names compare with case, '_', '-' and '.' folded away, and match at the end of a longer name
        // (DB_PASSWORD, x-api-key, AZURE_CLIENT_SECRET).
        private static readonly Setting[] Settings =
        {
            new Setting("password", SensitiveTextKind.ConnectionStringPassword, "a password in a connection string"),
            new Setting("passwd", SensitiveTextKind.ConnectionStringPassword, "a password in a connection string"),
            new Setting("pwd", SensitiveTextKind.ConnectionStringPassword, "a password in a connection string"),
            new Setting("passphrase", SensitiveTextKind.ConnectionStringPassword, "a password in a connection string"),
            new Setting("accountkey", SensitiveTextKind.CloudKey, "an Azure Storage account key"),
            new Setting("sharedaccesskey", SensitiveTextKind.CloudKey, "an Azure shared access key"),
            new Setting("sharedaccesssignature", SensitiveTextKind.CloudKey, "an Azure shared access signature"),
            new Setting("secretaccesskey", SensitiveTextKind.AwsKey, "an AWS secret access key"),
            new Setting("secret", SensitiveTextKind.SecretSetting, "a secret in a setting"),
            new Setting("apikey", SensitiveTextKind.SecretSetting, "an API key in a setting"),
            new Setting("accesskey", SensitiveTextKind.SecretSetting, "an access key in a setting"),
            new Setting("secretkey", SensitiveTextKind.SecretSetting, "a secret key in a setting"),
            new Setting("privatekey", SensitiveTextKind.SecretSetting, "a private key in a setting"),
            new Setting("masterkey", SensitiveTextKind.SecretSetting, "a master key in a setting"),
            new Setting("signingkey", SensitiveTextKind.SecretSetting, "a signing key in a setting"),
            new Setting("encryptionkey", SensitiveTextKind.SecretSetting, "an encryption key in a setting"),
            new Setting("subscriptionkey", SensitiveTextKind.SecretSetting, "a subscription key in a setting"),
            new Setting("token", SensitiveTextKind.SecretSetting, "a token in a setting"),
            new Setting("credential", SensitiveTextKind.SecretSetting, "a credential in a setting"),
            new Setting("credentials", SensitiveTextKind.SecretSetting, "a credential in a setting"),
        };

        private static readonly string[] NotSecrets =
        {
            "null", "none", "nil", "true", "false", "yes", "no", "required", "optional", "string", "empty", "redacted",
            "hidden", "undefined", "example",
        };

        public static void Scan(string text, List<SecretMatch> found)
        {
            int i = 0;
            while (i < text.Length)
            {
                if (!(CharSet.Letter.Contains(text[i]) || IsFlagStart(text, i)) || !CharSet.StartsToken(text, i))
                {
                    i++;
                    continue;
                }

                int nameEnd = CharSet.Word.RunEnd(text, i, text.Length);
                if (nameEnd - i <= MaxNameLength && Match(text, i, nameEnd) is SecretMatch match)
                {
                    found.Add(match);
                    i = match.End;
                }
                else
                {
                    i = nameEnd;
                }
            }
        }

        private static SecretMatch? Match(string text, int nameStart, int nameEnd)
        {
            int position = nameEnd;
            char quote = nameStart > 0 ? text[nameStart - 1] : '\0';
            bool quotedName = (quote == '"' || quote == '\'') && position < text.Length && text[position] == quote;
            if (quotedName)
            {
                position++;
            }

            int afterName = position;
            position = SkipBlanks(text, position);
            char separator;
            if (position < text.Length && (text[position] == '=' || text[position] == ':'))
            {
                separator = text[position];
                position++;
            }
            else if (IsFlagStart(text, nameStart) && position > afterName && position < text.Length && text[position] != '-')
            {
                // A command-line option: --password 'value'.
                separator = ' ';
            }
            else
            {
                return null;
            }

            if (separator != ' ' && position < text.Length && (text[position] == '=' || text[position] == ':' || text[position] == '>'))
            {
                // ":=" and "=>" assign too; "==" and "::" compare or qualify.
                if (text[position] == separator)
                {
                    return null;
                }

                position++;
            }

            Setting? setting = Find(text, nameStart, nameEnd);
            if (setting is null)
            {
                return null;
            }

            int valueStart = SkipBlanks(text, position);
            int valueEnd = ValueEnd(text, valueStart, separator, out bool quotedValue);
            if (valueEnd < 0 || !IsSecretValue(text, valueStart + (quotedValue ? 1 : 0), valueEnd - (quotedValue ? 1 : 0)))
            {
                return null;
            }

            if (separator == ':' && !quotedName && !quotedValue && !(StartsLine(text, nameStart) && EndsLine(text, valueEnd)))
            {
                return null;
            }

            return new SecretMatch(nameStart, valueEnd - nameStart, setting.Kind, Describe(setting, separator));
        }

        /// <summary>A password is named by where it stands: Password=… is a connection string's, password: … a setting's.</summary>
        private static string Describe(Setting setting, char separator) =>
            setting.Kind != SensitiveTextKind.ConnectionStringPassword ? setting.Description
                : separator == ':' ? "a password in a setting"
                : separator == ' ' ? "a password on a command line"
                : setting.Description;

        private static Setting? Find(string text, int start, int end)
        {
            Span<char> folded = stackalloc char[MaxNameLength];
            int length = 0;
            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (CharSet.Alnum.Contains(c))
                {
                    folded[length++] = char.ToLowerInvariant(c);
                }
            }

            ReadOnlySpan<char> name = folded.Slice(0, length);
            foreach (Setting setting in Settings)
            {
                if (name.EndsWith(setting.Name.AsSpan(), StringComparison.Ordinal))
                {
                    return setting;
                }
            }

            return null;
        }

        /// <summary>The end of the value (after its closing quote, if quoted), or -1 when there is none.</summary>
        private static int ValueEnd(string text, int start, char separator, out bool quoted)
        {
            quoted = false;
            if (start >= text.Length)
            {
                return -1;
            }

            char first = text[start];
            if (first == '"' || first == '\'')
            {
                quoted = true;
                for (int i = start + 1; i < text.Length && i - start <= MaxValueLength; i++)
                {
                    if (text[i] == first)
                    {
                        return i + 1;
                    }

                    if (text[i] == '\n')
                    {
                        return -1;
                    }
                }

                return -1;
            }

            int end = start;
            while (end < text.Length && !EndsValue(text[end], separator))
            {
                end++;
            }

            return end > start ? end : -1;
        }

        private static bool IsFlagStart(string text, int position) =>
            position + 2 < text.Length && text[position] == '-' && text[position + 1] == '-' && CharSet.Letter.Contains(text[position + 2]);

        /// <summary>
        /// A value after '=' ends where a connection string or query string goes on to the next setting; a value
        /// on a YAML line or a command line ends only at white space.
        /// </summary>
        private static bool EndsValue(char c, char separator) =>
            char.IsWhiteSpace(c) || (separator == '=' && (c == ';' || c == ',' || c == '&' || c == '"' || c == '\''));

        private static bool IsSecretValue(string text, int start, int end)
        {
            int length = end - start;
            if (length < 3)
            {
                return false;
            }

            char first = text[start];
            if (first == '<' || first == '$' || first == '%' || first == '{' || first == '*' || first == '[' || first == '(')
            {
                return false;
            }

            bool allSame = true;
            for (int i = start + 1; i < end && allSame; i++)
            {
                allSame = text[i] == first;
            }

            if (allSame)
            {
                return false;
            }

            foreach (string word in NotSecrets)
            {
                if (word.Length == length && string.Compare(text, start, word, 0, length, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    return false;
                }
            }

            return true;
        }

        private static int SkipBlanks(string text, int position)
        {
            int limit = position + MaxGap;
            while (position < text.Length && position < limit && (text[position] == ' ' || text[position] == '\t'))
            {
                position++;
            }

            return position;
        }

        /// <summary>Whether only indentation (and a YAML list dash or a comment mark) stands before the name on its line.</summary>
        private static bool StartsLine(string text, int position)
        {
            for (int i = position - 1, seen = 0; i >= 0; i--, seen++)
            {
                char c = text[i];
                if (c == '\n')
                {
                    return true;
                }

                if (seen >= MaxGap * 2 || (c != ' ' && c != '\t' && c != '-' && c != '#'))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool EndsLine(string text, int position)
        {
            for (int i = position, seen = 0; i < text.Length; i++, seen++)
            {
                char c = text[i];
                if (c == '\n' || c == '\r')
                {
                    return true;
                }

                if (seen >= MaxGap * 2 || (c != ' ' && c != '\t'))
                {
                    return false;
                }
            }

            return true;
        }

        private sealed class Setting
        {
            public Setting(string name, SensitiveTextKind kind, string description)
            {
                Name = name;
                Kind = kind;
                Description = description;
            }

            public string Name { get; }

            public SensitiveTextKind Kind { get; }

            public string Description { get; }
        }
    }
}
