using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace TokenLab.Bench;

/// <summary>The baseline: what a caller gets from HttpClient with no library: send, read the body, parse it.</summary>
internal static class BareHttp
{
    /// <summary>Gets <paramref name="path"/> and parses it; returns the models in it (the list's length, or 1 for a detail).</summary>
    public static async ValueTask<int> GetModelsAsync(HttpClient http, string path)
    {
        using HttpResponseMessage response = await http.GetAsync(path).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        using JsonDocument document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("data", out JsonElement data) ? data.GetArrayLength() : 1;
    }
}
