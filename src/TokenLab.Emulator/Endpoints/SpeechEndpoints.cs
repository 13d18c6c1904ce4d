using System.Text.Json;
using Microsoft.Net.Http.Headers;
using TokenLab.Emulator.Auth;
using TokenLab.Emulator.Catalog;
using TokenLab.Emulator.Pipeline;
using TokenLab.Emulator.Speech;

namespace TokenLab.Emulator.Endpoints;

/// <summary>
/// <c>POST /v1/audio/speech</c>: TokenLab's validation, then deterministic audio that grows with the text,
/// chunked, as raw audio or as server-sent events (<c>stream_format=sse</c>).
/// </summary>
internal static class SpeechEndpoints
{
    // The request log keeps bodies up to this size; the 4096-character input limit fits with room to spare.
    private const int MaxLoggedBodyChars = 16 * 1024;

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/v1/audio/speech", CreateSpeechAsync).AddEndpointFilter<RequireApiKeyFilter>().AddEndpointFilter<DeliveryPolicyFilter>();

    private static async Task CreateSpeechAsync(HttpContext context, ModelCatalog catalog, EmulatorOptions options)
    {
        var request = EmulatorRequestContext.Get(context);
        if (!IsJson(context.Request.ContentType))
        {
            // The body is JSON by contract; a form or anything else is refused rather than guessed at.
            await ApiErrors.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, new ApiError(
                $"Content-Type '{context.Request.ContentType}' is not supported; send the body as application/json.", "invalid_request_error", "unsupported_media_type"));
            return;
        }

        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            body = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            await ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest,
                new ApiError(EmulatorJson.NotValid("The request body", exception), "invalid_request_error", "invalid_json"));
            return;
        }

        var text = body.GetRawText();
        request.Body = text.Length <= MaxLoggedBodyChars ? text : text[..MaxLoggedBodyChars];
        var (speech, status, error) = SpeechRequestParser.Parse(body, catalog, request.ApiKey);
        if (speech is null)
        {
            await ApiErrors.WriteAsync(context, status, error!);
            return;
        }

        var audio = SpeechAudio.Create(speech, options.SpeechSecondsPerCharacter);
        if (speech.Sse)
        {
            await SpeechResponseWriter.WriteEventsAsync(context, audio, speech);
        }
        else
        {
            await SpeechResponseWriter.WriteAudioAsync(context, audio, "bill_" + request.RequestId["req_".Length..]);
        }
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType) && mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
}
