using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TokenLab.Client.Text;
using TokenLab.PowerShell.Errors;

namespace TokenLab.PowerShell.Realtime
{
    /// <summary>
    /// Keeps secrets out of what a realtime session sends: text, instructions and events go to the model's
    /// provider and may be kept in its logs. -AllowSensitiveText skips the check.
    /// </summary>
    internal static class SensitiveTextGuard
    {
        /// <summary>Null when <paramref name="text"/> holds nothing secret-shaped; otherwise the error, whose target has the findings masked.</summary>
        public static ErrorRecord? Check(string text, string what)
        {
            IReadOnlyList<SensitiveTextFinding> findings = SensitiveTextScanner.Scan(text);
            if (findings.Count == 0)
            {
                return null;
            }

            return ErrorRecordFactory.Create(
                new ArgumentException("The " + what + " holds " + string.Join("; ", findings.Select(f => f.ToString()))
                    + ". What a realtime session sends goes to the model's provider and may be kept in its logs."),
                ErrorIds.SensitiveText,
                ErrorCategory.SecurityError,
                Mask(text, findings),
                "Remove the secret, or add -AllowSensitiveText if it is not one.");
        }

        private static string Mask(string text, IReadOnlyList<SensitiveTextFinding> findings)
        {
            string masked = text;
            foreach (SensitiveTextFinding finding in findings.OrderByDescending(f => f.Index))
            {
                masked = masked.Substring(0, finding.Index) + "***" + masked.Substring(finding.Index + finding.Length);
            }

            return masked;
        }
    }
}
