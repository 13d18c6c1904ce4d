using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace TokenLab.Client.Json
{
    /// <summary>
    /// Converts JSON values the client does not model to plain .NET values (string, bool, long, double,
    /// object[], dictionaries) that PowerShell shows and C# reads without System.Text.Json, and back.
    /// </summary>
    internal static class JsonPlainValue
    {
        public static object? From(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    return value.GetString();
                case JsonValueKind.True:
                    return true;
                case JsonValueKind.False:
                    return false;
                case JsonValueKind.Number:
                    return value.TryGetInt64(out long integer) ? integer : (object)value.GetDouble();
                case JsonValueKind.Array:
                    var items = new List<object?>();
                    foreach (JsonElement item in value.EnumerateArray())
                    {
                        items.Add(From(item));
                    }

                    return items.ToArray();
                case JsonValueKind.Object:
                    var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (JsonProperty property in value.EnumerateObject())
                    {
                        properties[property.Name] = From(property.Value);
                    }

                    return properties;
                default:
                    return null;
            }
        }

        /// <summary>The properties of <paramref name="element"/> whose names are not in <paramref name="known"/>.</summary>
        public static IReadOnlyDictionary<string, object?> Unknown(JsonElement element, ICollection<string> known)
        {
            var unknown = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (JsonProperty property in element.EnumerateObject())
            {
                if (!known.Contains(property.Name))
                {
                    unknown[property.Name] = From(property.Value);
                }
            }

            return unknown;
        }

        public static void Write(Utf8JsonWriter writer, object? value)
        {
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string text:
                    writer.WriteStringValue(text);
                    break;
                case bool flag:
                    writer.WriteBooleanValue(flag);
                    break;
                case long integer:
                    writer.WriteNumberValue(integer);
                    break;
                case double number:
                    writer.WriteNumberValue(number);
                    break;
                case IDictionary<string, object?> properties:
                    writer.WriteStartObject();
                    WriteProperties(writer, properties);
                    writer.WriteEndObject();
                    break;
                case IEnumerable<object?> items:
                    writer.WriteStartArray();
                    foreach (object? item in items)
                    {
                        Write(writer, item);
                    }

                    writer.WriteEndArray();
                    break;
                default:
                    writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }

        public static void WriteProperties(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, object?>> properties)
        {
            foreach (KeyValuePair<string, object?> property in properties)
            {
                writer.WritePropertyName(property.Key);
                Write(writer, property.Value);
            }
        }
    }
}
