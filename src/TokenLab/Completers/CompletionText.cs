using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace TokenLab.PowerShell.Completers
{
    /// <summary>Filters candidate values by what the user typed and quotes them where needed.</summary>
    internal static class CompletionText
    {
        public static IEnumerable<CompletionResult> Matching(IEnumerable<string> candidates, string? wordToComplete)
        {
            string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var pattern = WildcardPattern.Get(typed + "*", WildcardOptions.IgnoreCase);
            return candidates
                .Where(candidate => pattern.IsMatch(candidate))
                .Select(candidate => new CompletionResult(Quote(candidate), candidate, CompletionResultType.ParameterValue, candidate))
                .ToList();
        }

        private static string Quote(string value) =>
            value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', '{', '}', ';', ',', '&', '|', '@', '#' }) >= 0
                ? "'" + value.Replace("'", "''") + "'"
                : value;
    }
}
