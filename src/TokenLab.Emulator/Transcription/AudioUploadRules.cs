namespace TokenLab.Emulator.Transcription;

/// <summary>TokenLab's documented rules for the <c>file</c> part of the audio upload routes.</summary>
internal static class AudioUploadRules
{
    /// <summary>25 MB: a larger file gets 413 payload_too_large.</summary>
    public const long MaxFileBytes = 25L * 1024 * 1024;

    /// <summary>The accepted file extensions, as the service documents them.</summary>
    public static readonly IReadOnlyList<string> Extensions = ["flac", "mp3", "mp4", "mpeg", "mpga", "m4a", "ogg", "wav", "webm"];

    public static bool HasAcceptedExtension(string fileName) =>
        Extensions.Contains(Path.GetExtension(fileName).TrimStart('.').ToLowerInvariant());
}
