using TokenLab.Emulator.Catalog;

namespace TokenLab.Emulator.Transcription;

/// <summary>A validated transcription or translation request.</summary>
internal sealed record TranscriptionJob(
    AudioOperation Operation,
    CatalogModel Model,
    UploadedAudio Audio,
    string? Language,
    string ResponseFormat,
    bool WantSegments,
    bool WantWords);
