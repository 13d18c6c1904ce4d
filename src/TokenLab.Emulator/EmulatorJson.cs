using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TokenLab.Emulator;

/// <summary>The one set of JSON settings for everything the emulator reads and writes.</summary>
internal static class EmulatorJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Relaxed escaping keeps quotes and '…' readable for shell scripts that match on raw text.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>
    /// Where a JSON text breaks, in words a client can act on. The parser's own message names .NET internals
    /// (paths, "LineNumber", type names), which the service would never send.
    /// </summary>
    public static string NotValid(string what, JsonException exception) =>
        exception.LineNumber is long line && exception.BytePositionInLine is long position
            ? $"{what} is not valid JSON: it breaks at line {line + 1}, byte {position + 1}."
            : $"{what} is not valid JSON.";
}
