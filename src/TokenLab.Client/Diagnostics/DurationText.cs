using System;
using System.Globalization;

namespace TokenLab.Client.Diagnostics
{
    /// <summary>Durations as people read them in messages: "12 ms", "1.4 s".</summary>
    internal static class DurationText
    {
        public static string Format(TimeSpan duration) =>
            duration.TotalSeconds >= 1
                ? duration.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s"
                : ((long)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms";
    }
}
