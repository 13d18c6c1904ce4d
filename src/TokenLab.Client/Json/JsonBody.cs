using System;
using System.Text;
using System.Text.Json;

namespace TokenLab.Client.Json
{
    /// <summary>
    /// Parses a server's JSON and maps it. A string the map cannot read (a lone surrogate escape, invalid
    /// UTF-8) is repaired to U+FFFD and the map run once more on the repaired copy.
    /// </summary>
    internal static class JsonBody
    {
        /// <exception cref="JsonException">The body is not JSON.</exception>
        /// <exception cref="InvalidOperationException">The map failed for another reason than a string it could not read.</exception>
        public static T Parse<T>(ReadOnlyMemory<byte> utf8, Func<JsonElement, T> map)
        {
            try
            {
                return ParseOnce(utf8, map);
            }
            catch (InvalidOperationException)
            {
                byte[]? repaired = JsonRepair.Repair(utf8.Span);
                if (repaired is null)
                {
                    throw;
                }

                return ParseOnce(repaired, map);
            }
        }

        public static T Parse<T>(string text, Func<JsonElement, T> map) => Parse(Encoding.UTF8.GetBytes(text), map);

        private static T ParseOnce<T>(ReadOnlyMemory<byte> utf8, Func<JsonElement, T> map)
        {
            using (JsonDocument document = JsonDocument.Parse(utf8))
            {
                return map(document.RootElement);
            }
        }
    }
}
