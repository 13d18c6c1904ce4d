using System.Text.Json;
using TokenLab.Emulator.Auth;
using TokenLab.Emulator.Catalog;

namespace TokenLab.Emulator.Speech;

/// <summary>
/// Validates a speech body as TokenLab does: the schema has <c>additionalProperties: false</c> (unknown fields
/// are a 400 <c>unsupported_parameter</c>), <c>input</c> is required and at most 4096 characters, and fields
/// the model's contract does not list are refused before routing.
/// </summary>
internal static class SpeechRequestParser
{
    public const int MaxInputLength = 4096;
    public const int MaxInstructionsLength = 2000;
    private const string DefaultModel = "tts-1";
    private const string DefaultFormat = "mp3";

    // The documented default delivery; every model takes it, whether or not its contract lists stream_format.
    private const string AudioStreamFormat = "audio";

    private static readonly HashSet<string> SchemaFields = new(StringComparer.Ordinal)
    {
        "model", "input", "voice", "voice_id", "instructions", "prompt", "language_code",
        "response_format", "stream_format", "speed", "temperature",
    };

    /// <summary>The request, or the status and error to answer with.</summary>
    public static (SpeechRequest? Request, int Status, ApiError? Error) Parse(JsonElement body, ModelCatalog catalog, ApiKeyCheck apiKey)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Fail(400, new ApiError("The request body must be a JSON object.", "invalid_request_error", "invalid_request_error"));
        }

        if (FirstFieldNotIn(body, SchemaFields) is { } unknown)
        {
            return Unsupported(unknown, $"Unsupported parameter: '{unknown}'.");
        }

        var issues = new List<ValidationIssue>();
        var input = OptionalString(body, "input", issues);
        if (input is null && !issues.Any(i => i.Field == "input"))
        {
            issues.Add(new ValidationIssue("input", "Input is required", "required"));
        }
        else if (input is { Length: 0 })
        {
            issues.Add(new ValidationIssue("input", "Input must not be empty", "too_short"));
        }
        else if (input is { Length: > MaxInputLength })
        {
            issues.Add(new ValidationIssue("input", $"Input must be at most {MaxInputLength} characters", "too_long"));
        }

        var modelId = OptionalString(body, "model", issues) ?? DefaultModel;
        var (voice, customVoice) = Voice(body, issues);
        var voiceId = OptionalString(body, "voice_id", issues);
        var format = OptionalString(body, "response_format", issues) ?? DefaultFormat;
        var speed = Speed(body, issues);
        if (OptionalString(body, "instructions", issues) is { Length: > MaxInstructionsLength })
        {
            issues.Add(new ValidationIssue("instructions", $"Instructions must be at most {MaxInstructionsLength} characters", "too_long"));
        }

        var streamFormat = OptionalString(body, "stream_format", issues) ?? AudioStreamFormat;
        if (streamFormat is not (AudioStreamFormat or "sse"))
        {
            issues.Add(new ValidationIssue("stream_format", "stream_format must be 'audio' or 'sse'", "invalid_enum_value"));
        }

        if (issues.Count > 0)
        {
            return Fail(400, ApiErrors.Validation(issues));
        }

        if (catalog.Find(modelId) is not { } model)
        {
            // Inference endpoints answer an unknown model with 400, unlike GET /v1/models/{model}.
            return Fail(400, ApiErrors.ModelNotFound(modelId, ModelCatalog.ClosestId(modelId, catalog.Models.Where(m => SpeechModelContract.For(m) is not null))));
        }

        if (!apiKey.Allows(model))
        {
            return Fail(403, ApiErrors.ForStatus(403) with { Param = "model" });
        }

        if (SpeechModelContract.For(model) is not { } contract)
        {
            return Fail(400, new ApiError($"Model '{model.Id}' does not support audio.speech.", "invalid_request_error", "unsupported_operation") { Param = "model" });
        }

        if (streamFormat == "sse" && !contract.SupportsSse)
        {
            return Unsupported("stream_format", $"stream_format 'sse' is not supported for model '{model.Id}'; stream_format=sse is not available for tts-1 or tts-1-hd.");
        }

        if (body.EnumerateObject().Where(field => !contract.SupportedParameters.Contains(field.Name) && !IsDefaultStreamFormat(field))
            .Select(field => field.Name).FirstOrDefault() is { } unsupported)
        {
            return Unsupported(unsupported, $"Model '{model.Id}' does not accept '{unsupported}'.");
        }

        if (voice is not null && !customVoice && contract.Voices.Count > 0 && !contract.Voices.Contains(voice, StringComparer.Ordinal))
        {
            return Fail(400, new ApiError(
                $"Voice '{voice}' is not available for model '{model.Id}'. Use one of: {string.Join(", ", contract.Voices)}.", "invalid_request_error", "unsupported_value") { Param = "voice" });
        }

        if (!contract.OutputFormats.Contains(format, StringComparer.Ordinal))
        {
            return Fail(400, ApiErrors.Validation([new ValidationIssue(
                "response_format", $"Model '{model.Id}' supports response_format {string.Join(", ", contract.OutputFormats)}; got '{format}'", "unsupported_value")]));
        }

        return (new SpeechRequest(model.Id, input!, voice ?? voiceId ?? contract.DefaultVoice, format, speed, streamFormat == "sse"), 200, null);
    }

    private static (SpeechRequest?, int, ApiError?) Fail(int status, ApiError error) => (null, status, error);

    private static bool IsDefaultStreamFormat(JsonProperty field) =>
        field.Name == "stream_format" && field.Value.ValueKind == JsonValueKind.String && field.Value.GetString() == AudioStreamFormat;

    private static (SpeechRequest?, int, ApiError?) Unsupported(string field, string message) =>
        Fail(400, new ApiError(message, "invalid_request_error", "unsupported_parameter") { Param = field });

    private static string? FirstFieldNotIn(JsonElement body, IReadOnlySet<string> allowed) =>
        body.EnumerateObject().Select(property => property.Name).FirstOrDefault(name => !allowed.Contains(name));

    private static string? OptionalString(JsonElement body, string name, List<ValidationIssue> issues)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            issues.Add(new ValidationIssue(name, $"{name} must be a string", "invalid_type"));
            return null;
        }

        return value.GetString();
    }

    /// <summary>A voice name, or the <c>{"id": …}</c> form of a custom voice (which allows no other property).</summary>
    private static (string? Voice, bool Custom) Voice(JsonElement body, List<ValidationIssue> issues)
    {
        if (!body.TryGetProperty("voice", out var voice) || voice.ValueKind == JsonValueKind.Null)
        {
            return (null, false);
        }

        if (voice.ValueKind == JsonValueKind.String && voice.GetString() is { Length: > 0 } name)
        {
            return (name, false);
        }

        if (voice.ValueKind == JsonValueKind.Object && voice.EnumerateObject().Count() == 1
            && voice.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } voiceId)
        {
            return (voiceId, true);
        }

        issues.Add(new ValidationIssue("voice", "voice must be a voice name or an object {\"id\": string}", "invalid_type"));
        return (null, false);
    }

    private static double Speed(JsonElement body, List<ValidationIssue> issues)
    {
        if (!body.TryGetProperty("speed", out var speed) || speed.ValueKind == JsonValueKind.Null)
        {
            return 1.0;
        }

        if (speed.ValueKind == JsonValueKind.Number && speed.GetDouble() is var value && value >= 0.25 && value <= 4.0)
        {
            return value;
        }

        issues.Add(new ValidationIssue("speed", "speed must be a number from 0.25 to 4.0", "out_of_range"));
        return 1.0;
    }
}
