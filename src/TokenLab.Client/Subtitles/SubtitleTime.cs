using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace TokenLab.Client.Subtitles
{
    /// <summary>Cue times: <c>00:01:02,500</c> in SRT, <c>00:01:02.500</c> (hours optional) in WebVTT.</summary>
    internal static class SubtitleTime
    {
        private static readonly Regex Pattern = new Regex(
            @"^(?:(?<h>\d+):)?(?<m>\d{1,2}):(?<s>\d{1,2})[,.](?<ms>\d{1,3})$", RegexOptions.CultureInvariant);

        /// <summary>Formats to whole milliseconds, rounding, with at least two digits of hours.</summary>
        public static string Format(TimeSpan time, char millisecondSeparator)
        {
            long milliseconds = Math.Max(0, (long)Math.Round(time.TotalMilliseconds, MidpointRounding.AwayFromZero));
            return string.Format(
                CultureInfo.InvariantCulture,
                "{0:00}:{1:00}:{2:00}{3}{4:000}",
                milliseconds / 3_600_000,
                milliseconds / 60_000 % 60,
                milliseconds / 1000 % 60,
                millisecondSeparator,
                milliseconds % 1000);
        }

        public static bool TryParse(string text, out TimeSpan time)
        {
            Match match = Pattern.Match(text.Trim());
            if (!match.Success)
            {
                time = default;
                return false;
            }

            int hours = match.Groups["h"].Success ? int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture) : 0;
            int minutes = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
            int seconds = int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture);

            // "5" after the separator is 500 ms, as in "00:00:01.5".
            int milliseconds = int.Parse(match.Groups["ms"].Value.PadRight(3, '0'), CultureInfo.InvariantCulture);
            time = new TimeSpan(0, hours, minutes, seconds, milliseconds);
            return true;
        }
    }
}
