using System.Text.Json.Nodes;

namespace TokenLab.Emulator.Endpoints.Realtime;

/// <summary>Deterministic token counts, so tests can predict the usage a response reports.</summary>
internal static class RealtimeUsage
{
    /// <summary>About four characters a token, as for English text.</summary>
    public static int TextTokens(string? text) => string.IsNullOrEmpty(text) ? 0 : (text.Length + 3) / 4;

    /// <summary>One token per 50 ms of audio.</summary>
    public static int AudioTokens(int milliseconds) => (milliseconds + 49) / 50;

    /// <summary>The GA <c>usage</c> object of <c>response.done</c>.</summary>
    public static JsonObject ToJson((int Text, int Audio) input, (int Text, int Audio) output) => new()
    {
        ["total_tokens"] = input.Text + input.Audio + output.Text + output.Audio,
        ["input_tokens"] = input.Text + input.Audio,
        ["output_tokens"] = output.Text + output.Audio,
        ["input_token_details"] = new JsonObject
        {
            ["cached_tokens"] = 0,
            ["text_tokens"] = input.Text,
            ["image_tokens"] = 0,
            ["audio_tokens"] = input.Audio,
        },
        ["output_token_details"] = new JsonObject
        {
            ["text_tokens"] = output.Text,
            ["audio_tokens"] = output.Audio,
        },
    };
}
