using System.Globalization;

namespace TokenLab.PowerShell.Infrastructure
{
    /// <summary>Byte counts as people read them: "512 B", "48.2 KB", "1.3 MB".</summary>
    internal static class ByteSizeText
    {
        public static string Format(long bytes) =>
            bytes >= 1024L * 1024 * 1024 ? (bytes / (1024.0 * 1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " GB"
            : bytes >= 1024 * 1024 ? (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MB"
            : bytes >= 1024 ? (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB"
            : bytes.ToString(CultureInfo.InvariantCulture) + " B";
    }
}
