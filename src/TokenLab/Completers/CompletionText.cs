using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace TokenLab.PowerShell.Completers
{
    /// <summary>Filters candidate values by what the user typed and quotes them where needed.</summary>
    internal static class CompletionText
    {
        /// <summary>
        /// The candidates that start with what was typed (wildcards allowed, case ignored), in their order,
        /// each once; <paramref name="toolTip"/> describes a value (the value itself when not given).
        /// </summary>
        public static IEnumerable<CompletionResult> Matching(IEnumerable<string> candidates, string? wordToComplete, Func<string, string>? toolTip = null)
        {
            string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var pattern = WildcardPattern.Get(typed + "*", WildcardOptions.IgnoreCase);
            try
            {
                return candidates
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .Where(candidate => pattern.IsMatch(candidate))
                    .Select(candidate => new CompletionResult(Quote(candidate), candidate, CompletionResultType.ParameterValue, toolTip?.Invoke(candidate) ?? candidate))
                    .ToList();
            }
            catch (WildcardPatternException)
            {
                // Text such as "a[" is no pattern, and a tab press must not fail.
                return Array.Empty<CompletionResult>();
            }
        }

        private static string Quote(string value) =>
            value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', '{', '}', ';', ',', '&', '|', '@', '#' }) >= 0
                ? "'" + value.Replace("'", "''") + "'"
                : value;
    }
}
