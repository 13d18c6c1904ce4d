namespace TokenLab.Emulator.Transcription;

/// <summary>
/// The <c>file</c> part of an upload. Its bytes sit in a temporary file that is deleted on dispose; a file over
/// the limit is only counted, never stored.
/// </summary>
internal sealed class UploadedAudio(string fileName, string? contentType, long length, FileStream? content) : IDisposable
{
    public string FileName { get; } = fileName;

    public string? ContentType { get; } = contentType;

    /// <summary>Bytes received for the part, including any beyond the limit.</summary>
    public long Length { get; } = length;

    public bool IsTooLarge => Length > AudioUploadRules.MaxFileBytes;

    /// <summary>The stored bytes from the start; null when the file was too large to keep.</summary>
    public Stream? OpenContent()
    {
        if (content is null)
        {
            return null;
        }

        content.Position = 0;
        return content;
    }

    public void Dispose() => content?.Dispose();
}
