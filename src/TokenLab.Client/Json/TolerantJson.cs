using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace TokenLab.Client.Json
{
    /// <summary>
    /// Reads optional JSON values without throwing: a missing property or one of an unexpected kind
    /// reads as null or empty, because TokenLab bodies vary by revision and upstream.
    /// </summary>
    internal static class TolerantJson
    {
        public static JsonElement? GetPropertyOrNull(this JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value)
                && value.ValueKind != JsonValueKind.Null
                ? value
                : (JsonElement?)null;

        public static JsonElement? GetObjectOrNull(this JsonElement element, string name) =>
            element.GetPropertyOrNull(name) is { ValueKind: JsonValueKind.Object } value ? value : (JsonElement?)null;

        public static JsonElement? GetArrayOrNull(this JsonElement element, string name) =>
            element.GetPropertyOrNull(name) is { ValueKind: JsonValueKind.Array } value ? value : (JsonElement?)null;

        /// <summary>A string, or the text of a number (some fields change type between revisions).</summary>
        public static string? GetStringOrNull(this JsonElement element, string name) =>
            element.GetPropertyOrNull(name) is JsonElement value ? AsString(value) : null;

        public static bool? GetBooleanOrNull(this JsonElement element, string name) =>
            element.GetPropertyOrNull(name)?.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            };

        public static double? GetDoubleOrNull(this JsonElement element, string name) =>
            element.GetPropertyOrNull(name) is JsonElement value && AsString(value) is string text
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double result)
                ? result
                : (double?)null;

        public static int? GetInt32OrNull(this JsonElement element, string name) =>
            element.GetDoubleOrNull(name) is double value && value >= int.MinValue && value <= int.MaxValue
                ? (int)value
                : (int?)null;

        /// <summary>Prices come as decimal strings ("0.015"); numbers are accepted too.</summary>
        public static decimal? GetDecimalOrNull(this JsonElement element, string name) =>
            element.GetPropertyOrNull(name) is JsonElement value && AsString(value) is string text
                && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal result)
                ? result
                : (decimal?)null;

        /// <summary>Unix seconds, or an ISO 8601 string.</summary>
        public static DateTimeOffset? GetTimestampOrNull(this JsonElement element, string name)
        {
            JsonElement? value = element.GetPropertyOrNull(name);
            if (value is { ValueKind: JsonValueKind.Number } number && number.TryGetInt64(out long seconds))
            {
                return seconds >= -62135596800L && seconds <= 253402300799L
                    ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                    : (DateTimeOffset?)null;
            }

            return value is { ValueKind: JsonValueKind.String } text
                && DateTimeOffset.TryParse(text.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed)
                ? parsed
                : (DateTimeOffset?)null;
        }

        /// <summary>The string items of an array; other items are skipped.</summary>
        public static IReadOnlyList<string> StringItems(JsonElement? array)
        {
            if (array is null)
            {
                return Array.Empty<string>();
            }

            var items = new List<string>();
            foreach (JsonElement item in array.Value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() is string text)
                {
                    items.Add(text);
                }
            }

            return items;
        }

        private static string? AsString(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }
}
