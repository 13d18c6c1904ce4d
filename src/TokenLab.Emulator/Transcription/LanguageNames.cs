using System.Globalization;

namespace TokenLab.Emulator.Transcription;

/// <summary>verbose_json names the language in full and in lower case ("english"), as Whisper does.</summary>
internal static class LanguageNames
{
    public const string English = "english";

    public static string FromIsoCode(string? code)
    {
        if (code is null)
        {
            return English;
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(code);
            return culture.EnglishName.Split(" (")[0].ToLowerInvariant();
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }
}
