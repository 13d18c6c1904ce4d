using System;
using TokenLab.Client;
using TokenLab.PowerShell.Context;
using TokenLab.PowerShell.Credentials;

namespace TokenLab.PowerShell.Infrastructure
{
    /// <summary>
    /// The one place that says which setting wins: a parameter, then the Connect-TokenLab
    /// context, then the environment, then the module default.
    /// </summary>
    internal static class EffectiveSettings
    {
        public const string DefaultSource = "module default";

        /// <summary>The base URI in effect, as its API root (a /v1 ending and a trailing slash normalised away).</summary>
        public static Uri BaseUri(Uri? parameter, TokenLabContext? context, out string source) => ApiRoot.Normalize(Chosen(parameter, context, out source))!;

        private static Uri Chosen(Uri? parameter, TokenLabContext? context, out string source)
        {
            if (parameter is not null)
            {
                source = "-BaseUri parameter";
                return parameter;
            }

            if (context?.BaseUri is not null)
            {
                source = "Connect-TokenLab";
                return context.BaseUri;
            }

            string? fromEnvironment = EnvironmentSettings.Read(EnvironmentSettings.BaseUrlVariable);
            if (fromEnvironment is null)
            {
                source = DefaultSource;
                return TokenLabDefaults.BaseUri;
            }

            if (!Uri.TryCreate(fromEnvironment, UriKind.Absolute, out Uri? parsed))
            {
                throw new TokenLabConfigurationException(
                    "The environment variable " + EnvironmentSettings.BaseUrlVariable + " is not an absolute URI: '" + fromEnvironment + "'.");
            }

            source = "environment variable " + EnvironmentSettings.BaseUrlVariable;
            return parsed;
        }
    }
}
