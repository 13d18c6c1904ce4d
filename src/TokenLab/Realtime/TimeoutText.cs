using System.Globalization;
using TokenLab.Client;

namespace TokenLab.PowerShell.Realtime
{
    /// <summary>The client's timeout in words, for messages.</summary>
    internal static class TimeoutText
    {
        public static string TotalSecondsText(this TokenLabClientOptions options) =>
            options.Timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " seconds";
    }
}
