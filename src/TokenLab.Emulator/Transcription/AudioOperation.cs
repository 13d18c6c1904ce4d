namespace TokenLab.Emulator.Transcription;

/// <summary>What an upload route does with the audio.</summary>
internal enum AudioOperation
{
    /// <summary><c>POST /v1/audio/transcriptions</c>: text in the spoken language.</summary>
    Transcribe,

    /// <summary><c>POST /v1/audio/translations</c>: English text.</summary>
    Translate,
}

internal static class AudioOperationNames
{
    /// <summary>The catalog's <c>supported_operations</c> entry for the route.</summary>
    public static string CatalogOperation(this AudioOperation operation) =>
        operation == AudioOperation.Transcribe ? "audio.transcriptions" : "audio.translations";

    /// <summary>The <c>task</c> field of verbose_json.</summary>
    public static string TaskName(this AudioOperation operation) =>
        operation == AudioOperation.Transcribe ? "transcribe" : "translate";
}
