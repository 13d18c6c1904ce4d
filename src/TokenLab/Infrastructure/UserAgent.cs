using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Runtime.InteropServices;

namespace TokenLab.PowerShell.Infrastructure
{
    /// <summary>The User-Agent: module, PowerShell and OS versions, so support can tell clients apart.</summary>
    internal static class UserAgent
    {
        private static string? _value;

        public static string Get(PSCmdlet cmdlet) => _value ??= Build(cmdlet);

        private static string Build(PSCmdlet cmdlet)
        {
            string moduleVersion = typeof(UserAgent).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            string powerShellVersion = cmdlet.SessionState.PSVariable.GetValue("PSVersionTable") is Hashtable table && table["PSVersion"] is object version
                ? version.ToString() ?? "unknown"
                : "unknown";
            return string.Format(
                CultureInfo.InvariantCulture,
                "TokenLabPowerShell/{0} PowerShell/{1} ({2}; {3})",
                moduleVersion,
                powerShellVersion,
                RuntimeInformation.OSDescription.Trim(),
                RuntimeInformation.FrameworkDescription.Trim());
        }
    }
}
