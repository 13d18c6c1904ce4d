namespace TokenLab.Emulator.Transcription;

/// <summary>The parts of a multipart/form-data upload: the audio file and the text fields, in order.</summary>
internal sealed class TranscriptionForm(UploadedAudio? file, IReadOnlyList<KeyValuePair<string, string>> fields) : IDisposable
{
    public UploadedAudio? File { get; } = file;

    /// <summary>Every text part, repeated names (<c>timestamp_granularities[]</c>) included.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; } = fields;

    /// <summary>The last value of a field, or null when it was not sent (or sent empty).</summary>
    public string? Value(string name) =>
        Fields.LastOrDefault(field => field.Key == name).Value is { Length: > 0 } value ? value : null;

    public IReadOnlyList<string> Values(string name) => Fields.Where(field => field.Key == name).Select(field => field.Value).ToList();

    public void Dispose() => File?.Dispose();
}
