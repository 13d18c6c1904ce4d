using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace TokenLab.Client.Transcription
{
    /// <summary>
    /// Turns what people type for a language into the ISO-639-1 code the API wants: a code (<c>de</c>),
    /// an English name (<c>German</c>), a .NET culture (<c>de-DE</c>), or a native name (<c>Deutsch</c>,
    /// where the system's culture data knows it). The codes are the languages Whisper transcribes.
    /// </summary>
    public static class LanguageCodes
    {
        // Whisper's languages that have an ISO-639-1 code, with their English names and common aliases.
        private static readonly string[][] Languages =
        {
            new[] { "af", "afrikaans" }, new[] { "am", "amharic" }, new[] { "ar", "arabic" }, new[] { "as", "assamese" },
            new[] { "az", "azerbaijani" }, new[] { "ba", "bashkir" }, new[] { "be", "belarusian" }, new[] { "bg", "bulgarian" },
            new[] { "bn", "bengali", "bangla" }, new[] { "bo", "tibetan" }, new[] { "br", "breton" }, new[] { "bs", "bosnian" },
            new[] { "ca", "catalan", "valencian" }, new[] { "cs", "czech" }, new[] { "cy", "welsh" }, new[] { "da", "danish" },
            new[] { "de", "german" }, new[] { "el", "greek" }, new[] { "en", "english" }, new[] { "es", "spanish", "castilian" },
            new[] { "et", "estonian" }, new[] { "eu", "basque" }, new[] { "fa", "persian", "farsi" }, new[] { "fi", "finnish" },
            new[] { "fo", "faroese" }, new[] { "fr", "french" }, new[] { "gl", "galician" }, new[] { "gu", "gujarati" },
            new[] { "ha", "hausa" }, new[] { "he", "hebrew" }, new[] { "hi", "hindi" }, new[] { "hr", "croatian" },
            new[] { "ht", "haitian creole", "haitian" }, new[] { "hu", "hungarian" }, new[] { "hy", "armenian" }, new[] { "id", "indonesian" },
            new[] { "is", "icelandic" }, new[] { "it", "italian" }, new[] { "ja", "japanese" }, new[] { "jv", "javanese" },
            new[] { "ka", "georgian" }, new[] { "kk", "kazakh" }, new[] { "km", "khmer" }, new[] { "kn", "kannada" },
            new[] { "ko", "korean" }, new[] { "la", "latin" }, new[] { "lb", "luxembourgish", "letzeburgesch" }, new[] { "ln", "lingala" },
            new[] { "lo", "lao" }, new[] { "lt", "lithuanian" }, new[] { "lv", "latvian" }, new[] { "mg", "malagasy" },
            new[] { "mi", "maori" }, new[] { "mk", "macedonian" }, new[] { "ml", "malayalam" }, new[] { "mn", "mongolian" },
            new[] { "mr", "marathi" }, new[] { "ms", "malay" }, new[] { "mt", "maltese" }, new[] { "my", "myanmar", "burmese" },
            new[] { "ne", "nepali" }, new[] { "nl", "dutch", "flemish" }, new[] { "nn", "nynorsk", "norwegian nynorsk" }, new[] { "no", "norwegian", "norwegian bokmal", "bokmal" },
            new[] { "oc", "occitan" }, new[] { "pa", "punjabi", "panjabi" }, new[] { "pl", "polish" }, new[] { "ps", "pashto", "pushto" },
            new[] { "pt", "portuguese" }, new[] { "ro", "romanian", "moldavian", "moldovan" }, new[] { "ru", "russian" }, new[] { "sa", "sanskrit" },
            new[] { "sd", "sindhi" }, new[] { "si", "sinhala", "sinhalese" }, new[] { "sk", "slovak" }, new[] { "sl", "slovenian" },
            new[] { "sn", "shona" }, new[] { "so", "somali" }, new[] { "sq", "albanian" }, new[] { "sr", "serbian" },
            new[] { "su", "sundanese" }, new[] { "sv", "swedish" }, new[] { "sw", "swahili" }, new[] { "ta", "tamil" },
            new[] { "te", "telugu" }, new[] { "tg", "tajik" }, new[] { "th", "thai" }, new[] { "tk", "turkmen" },
            new[] { "tl", "tagalog", "filipino" }, new[] { "tr", "turkish" }, new[] { "tt", "tatar" }, new[] { "uk", "ukrainian" },
            new[] { "ur", "urdu" }, new[] { "uz", "uzbek" }, new[] { "vi", "vietnamese" }, new[] { "yi", "yiddish" },
            new[] { "yo", "yoruba" }, new[] { "zh", "chinese", "mandarin" },
        };

        private static readonly Dictionary<string, string> ByName = Languages
            .SelectMany(entry => entry.Skip(1).Select(name => new KeyValuePair<string, string>(name, entry[0])))
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);

        private static readonly HashSet<string> Codes = new HashSet<string>(Languages.Select(entry => entry[0]), StringComparer.Ordinal);

        /// <summary>The ISO-639-1 codes the API takes, in alphabetical order.</summary>
        public static IReadOnlyList<string> All { get; } = Languages.Select(entry => entry[0]).ToArray();

        /// <summary>The code for <paramref name="language"/>; false when it names no language Whisper knows.</summary>
        public static bool TryNormalize(string? language, out string code)
        {
            code = string.Empty;
            string text = (language ?? string.Empty).Trim();
            if (text.Length == 0)
            {
                return false;
            }

            string? found = FromCode(text) ?? FromName(text) ?? FromCulture(text) ?? FromNativeName(text);
            code = found ?? string.Empty;
            return found is not null;
        }

        /// <summary>The English name of a code ("German" for de), for messages.</summary>
        public static string EnglishName(string code)
        {
            string[]? entry = Languages.FirstOrDefault(e => e[0] == code);
            return entry is null ? code : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(entry[1]);
        }

        private static string? FromCode(string text)
        {
            string lower = text.ToLowerInvariant();
            return Codes.Contains(lower) ? lower : null;
        }

        private static string? FromName(string text) => ByName.TryGetValue(text, out string? code) ? code : null;

        /// <summary>"de-DE", "pt_BR", "zh-Hans": the language part, also where the system has no culture data.</summary>
        private static string? FromCulture(string text)
        {
            int separator = text.IndexOfAny(new[] { '-', '_' });
            if (separator == 2 && FromCode(text.Substring(0, 2)) is string prefix)
            {
                return prefix;
            }

            try
            {
                return FromCode(CultureInfo.GetCultureInfo(text).TwoLetterISOLanguageName);
            }
            catch (CultureNotFoundException)
            {
                return null;
            }
        }

        private static string? FromNativeName(string text)
        {
            foreach (CultureInfo culture in CultureInfo.GetCultures(CultureTypes.NeutralCultures))
            {
                if (string.Equals(culture.NativeName, text, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(culture.EnglishName, text, StringComparison.OrdinalIgnoreCase))
                {
                    return FromCode(culture.TwoLetterISOLanguageName);
                }
            }

            return null;
        }
    }
}
