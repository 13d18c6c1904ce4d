using System.Text.Json;

namespace TokenLab.Emulator.Tests;

internal static class HttpJson
{
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await response.ReadJsonAsync();
    }

    public static string[] PropertyNames(this JsonElement element) =>
        element.EnumerateObject().Select(property => property.Name).ToArray();

    public static string[] Strings(this JsonElement array) =>
        array.EnumerateArray().Select(item => item.GetString()!).ToArray();

    /// <summary>The <c>id</c> of every item in a list response's <c>data</c>.</summary>
    public static string[] Ids(this JsonElement list) =>
        list.GetProperty("data").EnumerateArray().Select(item => item.GetProperty("id").GetString()!).ToArray();

    public static JsonElement Item(this JsonElement list, string id) =>
        list.GetProperty("data").EnumerateArray().Single(item => item.GetProperty("id").GetString() == id);

    public static string Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new Xunit.Sdk.XunitException($"Missing header {name}");
}
