using System.Text;

namespace TokenLab.PowerShell.Infrastructure
{
    /// <summary>A readable ASCII name made from text, for file names and item tags.</summary>
    internal static class TextSlug
    {
        /// <summary>Lower-case ASCII letters and digits of the text's start, other runs as one hyphen.</summary>
        public static string From(string text, int maxLength)
        {
            var slug = new StringBuilder(maxLength);
            foreach (char c in text)
            {
                if (slug.Length >= maxLength)
                {
                    break;
                }

                char lower = char.ToLowerInvariant(c);
                if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9'))
                {
                    slug.Append(lower);
                }
                else if (slug.Length > 0 && slug[slug.Length - 1] != '-')
                {
                    slug.Append('-');
                }
            }

            return slug.ToString().Trim('-');
        }
    }
}
