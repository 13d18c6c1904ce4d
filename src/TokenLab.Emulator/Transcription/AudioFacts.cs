namespace TokenLab.Emulator.Transcription;

/// <summary>What the emulator can tell about an uploaded audio file without real speech recognition.</summary>
/// <param name="Duration">Seconds of audio.</param>
/// <param name="Hash">A hash of the bytes, so the same audio always gets the same made-up words.</param>
/// <param name="SpokenText">The text the emulator's speech route embedded in the audio, when it made it.</param>
internal sealed record AudioFacts(double Duration, ulong Hash, string? SpokenText);
