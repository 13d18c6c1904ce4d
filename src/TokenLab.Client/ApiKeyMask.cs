using System;

namespace TokenLab.Client
{
    /// <summary>Shows an API key in a form that identifies it without revealing it.</summary>
    public static class ApiKeyMask
    {
        // Below this length the last four characters would give away too much of the key.
        private const int MinimumLengthToShowTail = 12;

        /// <summary>Returns "sk-...abcd" (prefix and last four characters), or "***" for a short or missing key.</summary>
        public static string Mask(string? key)
        {
            if (key is null || key.Length < MinimumLengthToShowTail)
            {
                return "***";
            }

            int dash = key.IndexOf('-');
            string prefix = dash >= 0 && dash <= 3 ? key.Substring(0, dash + 1) : string.Empty;
            return prefix + "..." + key.Substring(key.Length - 4);
        }
    }
}
