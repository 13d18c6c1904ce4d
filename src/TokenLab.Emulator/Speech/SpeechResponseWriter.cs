using System.Text;
using System.Text.Json.Nodes;

namespace TokenLab.Emulator.Speech;

/// <summary>
/// Sends speech audio with chunked transfer encoding (no Content-Length, a flush per chunk), either as the
/// raw audio body or as server-sent events: <c>speech.audio.delta</c> with base64 audio, then
/// <c>speech.audio.done</c> with usage.
/// </summary>
internal static class SpeechResponseWriter
{
    private const int SamplesPerOutputToken = SpeechSignal.SampleRate / 100;

    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    public static async Task WriteAudioAsync(HttpContext context, SpeechAudio audio, string billingTransactionId)
    {
        context.Response.ContentType = audio.ContentType;
        context.Response.Headers["X-Billing-Transaction-ID"] = billingTransactionId;
        foreach (var chunk in audio.Chunks(lengthUnknown: false))
        {
            await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }

    /// <summary>Billing settles after a stream ends, so no billing header is sent, as TokenLab documents.</summary>
    public static async Task WriteEventsAsync(HttpContext context, SpeechAudio audio, SpeechRequest request)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await WriteLineAsync(context, ": TokenLab emulator speech stream\n\n");
        foreach (var chunk in audio.Chunks(lengthUnknown: true))
        {
            await WriteEventAsync(context, new JsonObject { ["type"] = "speech.audio.delta", ["audio"] = Convert.ToBase64String(chunk.Span) });
        }

        // Audio tokens count the audio's length (one per 10 ms), not the bytes of its container.
        var inputTokens = (request.Input.Length + 3) / 4;
        var outputTokens = (int)Math.Min(int.MaxValue, (audio.SignalSamples + SamplesPerOutputToken - 1) / SamplesPerOutputToken);
        await WriteEventAsync(context, new JsonObject
        {
            ["type"] = "speech.audio.done",
            ["usage"] = new JsonObject
            {
                ["input_tokens"] = inputTokens,
                ["output_tokens"] = outputTokens,
                ["total_tokens"] = inputTokens + outputTokens,
            },
        });
    }

    private static async Task WriteEventAsync(HttpContext context, JsonObject data)
    {
        await WriteLineAsync(context, "data: " + data.ToJsonString(EmulatorJson.Options));
        await context.Response.Body.WriteAsync(EventEnd, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static async Task WriteLineAsync(HttpContext context, string text) =>
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), context.RequestAborted);
}
