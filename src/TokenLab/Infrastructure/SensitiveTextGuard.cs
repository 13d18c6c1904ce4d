using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using TokenLab.Client.Text;
using TokenLab.PowerShell.Errors;

namespace TokenLab.PowerShell.Infrastructure
{
    /// <summary>
    /// Keeps secrets out of what a command sends: speech text would be spoken into the audio, and what a
    /// realtime session sends goes to the model's provider and may be kept in its logs. Every command
    /// refuses the same findings the same way (TokenLab.SensitiveText); -AllowSensitiveText skips the check.
    /// </summary>
    internal static class SensitiveTextGuard
    {
        /// <summary>
        /// Null when <paramref name="text"/> holds nothing secret-shaped; otherwise the refusal, which names the
        /// kinds and places of the findings (never the secret) and whose <see cref="TokenLabInputException.SafeTarget"/>
        /// is the text with each finding replaced by its kind.
        /// </summary>
        /// <param name="text">The text to check; null is clean.</param>
        /// <param name="what">What holds it, as the message names it: "-Text", "the event".</param>
        /// <param name="consequence">Why it must not be sent: "which would be spoken into the audio".</param>
        /// <param name="action">The recommended action.</param>
        public static TokenLabInputException? Check(string? text, string what, string consequence, string action)
        {
            IReadOnlyList<SensitiveTextFinding> findings = SensitiveTextScanner.Scan(text);
            if (findings.Count == 0)
            {
                return null;
            }

            return new TokenLabInputException(ErrorIds.SensitiveText, ErrorCategory.SecurityError,
                what + " holds what looks like a secret, " + consequence + ": " + string.Join("; ", findings.Select(f => f.ToString())) + ".",
                action)
            {
                SafeTarget = Redact(text!, findings),
            };
        }

        /// <summary>The text with each finding replaced by its kind, safe to keep in $Error.</summary>
        private static string Redact(string text, IReadOnlyList<SensitiveTextFinding> findings)
        {
            // Findings are in text order and do not overlap: one pass, whatever the number of findings.
            var redacted = new StringBuilder(text.Length);
            int copied = 0;
            foreach (SensitiveTextFinding finding in findings)
            {
                redacted.Append(text, copied, finding.Index - copied).Append('<').Append(finding.Kind).Append(" removed>");
                copied = finding.Index + finding.Length;
            }

            return redacted.Append(text, copied, text.Length - copied).ToString();
        }
    }
}
