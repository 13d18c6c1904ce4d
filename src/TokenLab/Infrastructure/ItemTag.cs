using System.Globalization;
using System.Threading;

namespace TokenLab.PowerShell.Infrastructure
{
    /// <summary>
    /// A short name for one input item, "#3 doors-open-at-nine": its number in the input and a slug of its text or
    /// file name. Items processed in parallel write their verbose and debug lines interleaved; the tag, carried by
    /// the item's async flow, says which item each line belongs to.
    /// </summary>
    internal static class ItemTag
    {
        private const int NameLength = 24;

        private static readonly AsyncLocal<string?> CurrentTag = new AsyncLocal<string?>();

        /// <summary>The tag of the item whose work runs on this async flow; null outside an item's work.</summary>
        public static string? Current
        {
            get => CurrentTag.Value;
            set => CurrentTag.Value = value;
        }

        public static string For(long number, string? name)
        {
            string slug = TextSlug.From(name ?? string.Empty, NameLength);
            string index = "#" + number.ToString(CultureInfo.InvariantCulture);
            return slug.Length == 0 ? index : index + " " + slug;
        }

        /// <summary>The line with the tag in front, or as it is without a tag.</summary>
        public static string Prefix(string? tag, string line) => tag is null ? line : "[" + tag + "] " + line;
    }
}
