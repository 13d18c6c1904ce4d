using System;
using System.Linq;
using TokenLab.Client.Models;

namespace TokenLab.PowerShell.Speech
{
    /// <summary>
    /// Which voice a speech request gets from the model's catalog details: without -Voice its documented default
    /// (the recommended request's voice, else the first it lists; alloy only for models that list it or none), and
    /// whether a -Voice is one the model lists.
    /// </summary>
    internal static class SpeechVoices
    {
        /// <summary>The OpenAI default, for models whose details list no voices or cannot be read.</summary>
        public const string Fallback = "alloy";

        public static string DefaultFor(TokenLabModel? details)
        {
            if (details is null || details.Voices.Count == 0)
            {
                return details?.RecommendedVoice ?? Fallback;
            }

            return details.RecommendedVoice is string recommended && details.Voices.Contains(recommended, StringComparer.Ordinal)
                ? recommended
                : details.Voices[0];
        }

        /// <summary>The warning for a voice the model's details do not list; null when they list it, or list none.</summary>
        public static string? Unlisted(TokenLabModel details, string voice)
        {
            if (details.Voices.Count == 0 || details.Voices.Contains(voice, StringComparer.Ordinal))
            {
                return null;
            }

            return "The voice '" + voice + "' is not among the voices the catalog lists for " + details.Id + " (" + string.Join(", ", details.Voices)
                + "); sending it anyway, but the service may refuse it. Leave out -Voice for the model's default voice.";
        }
    }
}
