using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TokenLab.PowerShell.Realtime
{
    /// <summary>
    /// Turns what a script hands over (hashtables, ordered dictionaries, [pscustomobject], arrays, numbers,
    /// byte arrays as base64, JSON text) into JSON for realtime events, the way ConvertTo-Json would but
    /// without its depth cut-off.
    /// </summary>
    internal static class RealtimeJson
    {
        private const int MaxDepth = 64;

        /// <summary>An event as JSON text: a string is taken as JSON already; anything else is converted.</summary>
        /// <exception cref="ArgumentException">The value cannot be converted (too deep, or a cycle).</exception>
        public static string ToEventJson(object value) =>
            Unwrap(value) is string text ? text : ToNode(value, 0)?.ToJsonString() ?? "null";

        /// <summary>A dictionary or object as a JSON object, for merging into a session update.</summary>
        public static JsonObject ToObject(object value) =>
            ToNode(value, 0) as JsonObject ?? throw new ArgumentException("Expected a hashtable or an object with properties.");

        private static object? Unwrap(object? value) => value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : value;

        private static JsonNode? ToNode(object? value, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new ArgumentException("The event is nested more than " + MaxDepth + " levels deep (is there a cycle?).");
            }

            value = Unwrap(value);
            switch (value)
            {
                case null:
                    return null;
                case string text:
                    return JsonValue.Create(text);
                case bool flag:
                    return JsonValue.Create(flag);
                case char character:
                    return JsonValue.Create(character.ToString());
                case byte[] bytes:
                    return JsonValue.Create(Convert.ToBase64String(bytes));
                case Enum enumeration:
                    return JsonValue.Create(enumeration.ToString());
                case DateTime time:
                    return JsonValue.Create(time.ToString("o", CultureInfo.InvariantCulture));
                case DateTimeOffset time:
                    return JsonValue.Create(time.ToString("o", CultureInfo.InvariantCulture));
                case JsonNode node:
                    return node.DeepClone();
                case JsonElement element:
                    return JsonNode.Parse(element.GetRawText());
                case IDictionary dictionary:
                    var fromDictionary = new JsonObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        fromDictionary[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = ToNode(entry.Value, depth + 1);
                    }

                    return fromDictionary;
                case PSObject custom:
                    var fromObject = new JsonObject();
                    foreach (PSPropertyInfo property in custom.Properties)
                    {
                        fromObject[property.Name] = ToNode(property.Value, depth + 1);
                    }

                    return fromObject;
                case IEnumerable items:
                    var array = new JsonArray();
                    foreach (object? item in items)
                    {
                        array.Add(ToNode(item, depth + 1));
                    }

                    return array;
                default:
                    return Number(value) ?? JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture));
            }
        }

        private static JsonNode? Number(object value) => value switch
        {
            int number => JsonValue.Create(number),
            long number => JsonValue.Create(number),
            double number => JsonValue.Create(number),
            decimal number => JsonValue.Create(number),
            float number => JsonValue.Create(number),
            short number => JsonValue.Create(number),
            byte number => JsonValue.Create(number),
            uint number => JsonValue.Create(number),
            ulong number => JsonValue.Create(number),
            _ => null,
        };
    }
}
