using System.Globalization;

namespace TokenLab.Bench;

/// <summary>How the speech and transcription reports write their figures.</summary>
internal static class ReportText
{
    public static string Target(bool met, string target) => target + (met ? ": met" : ": MISSED");

    public static string Format(string format, params object[] values) => string.Format(CultureInfo.InvariantCulture, format, values);

    public static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

    public static string Percent(long part, long whole) => (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    public static string Ms(double milliseconds) => milliseconds.ToString("0.00", CultureInfo.InvariantCulture) + " ms";

    public static string Seconds(double milliseconds) => (milliseconds / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s";

    public static string Ratio(double value, double baseline) => (value / baseline).ToString("0.00", CultureInfo.InvariantCulture) + "x";
}
