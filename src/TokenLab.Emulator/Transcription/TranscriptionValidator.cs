using System.Globalization;
using System.Text.Json.Nodes;
using TokenLab.Emulator.Auth;
using TokenLab.Emulator.Catalog;

namespace TokenLab.Emulator.Transcription;

/// <summary>
/// TokenLab's checks on an upload, in the order the service makes them: the file (present, accepted extension,
/// at most 25 MB), then the fields (known, model, language, format, temperature, timestamp granularities).
/// </summary>
internal static class TranscriptionValidator
{
    public const string GranularitiesField = "timestamp_granularities[]";
    public const string VerboseJson = "verbose_json";

    // The contract's array field; multipart clients name its parts with or without the brackets.
    private const string PlainGranularitiesField = "timestamp_granularities";

    // The contract's default for a translation without a model (a transcription must name one).
    private const string DefaultTranslationModel = "whisper-1";

    private static readonly string[] TranslationFields = [TranscriptionFormReader.FilePart, "model", "prompt", "response_format", "temperature"];
    private static readonly string[] TranscriptionFields = [.. TranslationFields, "language", GranularitiesField, PlainGranularitiesField];
    private static readonly string[] ResponseFormats = ["json", "text", "srt", VerboseJson, "vtt"];
    private static readonly string[] Granularities = ["word", "segment"];

    /// <summary>The job, or the status and error to answer with.</summary>
    public static (TranscriptionJob? Job, int Status, ApiError? Error) Validate(
        AudioOperation operation, TranscriptionForm form, ModelCatalog catalog, ApiKeyCheck apiKey)
    {
        if (form.File is not { } file)
        {
            return Invalid(ApiErrors.Validation([new ValidationIssue(TranscriptionFormReader.FilePart, "File is required")]));
        }

        if (file.IsTooLarge)
        {
            return (null, StatusCodes.Status413PayloadTooLarge, ApiErrors.ForStatus(StatusCodes.Status413PayloadTooLarge) with
            {
                Message = $"Audio file is {file.Length} bytes; the maximum is {AudioUploadRules.MaxFileBytes} bytes (25 MB).",
                Param = TranscriptionFormReader.FilePart,
            });
        }

        if (!AudioUploadRules.HasAcceptedExtension(file.FileName))
        {
            return Invalid(new ApiError(
                $"Invalid file format '{Path.GetExtension(file.FileName)}'. Supported formats: {string.Join(", ", AudioUploadRules.Extensions)}.",
                "invalid_request_error",
                "invalid_file_format") { Param = TranscriptionFormReader.FilePart });
        }

        if (operation == AudioOperation.Translate && form.Value("language") is not null)
        {
            return Unsupported("language", "Unsupported parameter: 'language' is not supported for audio translation; the output is always English.");
        }

        var fields = operation == AudioOperation.Translate ? TranslationFields : TranscriptionFields;
        if (form.Fields.Select(field => field.Key).FirstOrDefault(name => !fields.Contains(name)) is { } unknown)
        {
            return Unsupported(unknown, $"Unsupported parameter: '{unknown}' is not accepted by this endpoint.");
        }

        if ((form.Value("model") ?? (operation == AudioOperation.Translate ? DefaultTranslationModel : null)) is not { } modelId)
        {
            return Invalid(ApiErrors.Validation([new ValidationIssue("model", "Model is required")]));
        }

        if (catalog.Find(modelId) is not { } model)
        {
            return Invalid(ApiErrors.ModelNotFound(modelId, ModelCatalog.ClosestId(modelId, catalog.Models.Where(apiKey.Allows))) with { Param = "model" });
        }

        if (!apiKey.Allows(model))
        {
            return (null, StatusCodes.Status403Forbidden, ApiErrors.ForStatus(StatusCodes.Status403Forbidden) with { Param = "model" });
        }

        if (!Strings(model.TokenLab["supported_operations"]).Contains(operation.CatalogOperation()))
        {
            return Invalid(new ApiError(
                $"Model '{model.Id}' does not support {operation.CatalogOperation()}.", "invalid_request_error", "unsupported_operation") { Param = "model" });
        }

        return ValidateOptions(operation, form, model, file);
    }

    private static (TranscriptionJob?, int, ApiError?) ValidateOptions(AudioOperation operation, TranscriptionForm form, CatalogModel model, UploadedAudio file)
    {
        var language = form.Value("language");
        if (language is not null && (language.Length != 2 || !language.All(char.IsAsciiLetterLower)))
        {
            return Invalid(new ApiError(
                $"Invalid language '{language}'. Language parameter must be specified in ISO-639-1 format.", "invalid_request_error", "invalid_value") { Param = "language" });
        }

        var format = form.Value("response_format") ?? "json";
        if (!ResponseFormats.Contains(format))
        {
            return Invalid(new ApiError(
                $"Invalid response_format '{format}'. Use one of: {string.Join(", ", ResponseFormats)}.", "invalid_request_error", "invalid_value") { Param = "response_format" });
        }

        var summary = model.TokenLab["request_format_summary"];
        if (!Strings(summary?["output_formats"]).Contains(format))
        {
            return Invalid(new ApiError(
                $"response_format '{format}' is not compatible with model '{model.Id}'. Use one of: {string.Join(", ", Strings(summary?["output_formats"]))}.",
                "invalid_request_error",
                "unsupported_value") { Param = "response_format" });
        }

        if (form.Value("temperature") is { } temperatureText
            && (!double.TryParse(temperatureText, NumberStyles.Float, CultureInfo.InvariantCulture, out var temperature) || temperature is < 0 or > 1))
        {
            return Invalid(new ApiError(
                $"Invalid temperature '{temperatureText}': use a number from 0 to 1.", "invalid_request_error", "invalid_value") { Param = "temperature" });
        }

        var granularities = form.Values(GranularitiesField).Concat(form.Values(PlainGranularitiesField)).ToList();
        if (granularities.FirstOrDefault(value => !Granularities.Contains(value)) is { } badGranularity)
        {
            return Invalid(new ApiError(
                $"Invalid timestamp granularity '{badGranularity}'. Use word or segment.", "invalid_request_error", "invalid_value") { Param = GranularitiesField });
        }

        if (granularities.Count > 0 && summary?["feature_flags"]?["timestamp_granularities"]?.GetValue<bool>() != true)
        {
            return Unsupported(GranularitiesField, $"Unsupported parameter: model '{model.Id}' does not return timestamps.");
        }

        if (granularities.Count > 0 && format != VerboseJson)
        {
            return Invalid(new ApiError(
                "timestamp_granularities[] requires response_format=verbose_json.", "invalid_request_error", "invalid_value") { Param = GranularitiesField });
        }

        // Segments come by default; asking only for words leaves them out, as Whisper does.
        var wantSegments = granularities.Count == 0 || granularities.Contains("segment");
        return (new TranscriptionJob(operation, model, file, language, format, wantSegments, granularities.Contains("word")), StatusCodes.Status200OK, null);
    }

    private static List<string> Strings(JsonNode? array) =>
        array is JsonArray items ? items.Select(item => item?.GetValue<string>() ?? string.Empty).ToList() : [];

    private static (TranscriptionJob?, int, ApiError?) Invalid(ApiError error) => (null, StatusCodes.Status400BadRequest, error);

    private static (TranscriptionJob?, int, ApiError?) Unsupported(string param, string message) =>
        Invalid(new ApiError(message, "invalid_request_error", "unsupported_parameter") { Param = param });
}
