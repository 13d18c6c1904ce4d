namespace TokenLab.Emulator.Speech;

/// <summary>A validated <c>POST /v1/audio/speech</c> body.</summary>
internal sealed record SpeechRequest(string Model, string Input, string Voice, string ResponseFormat, double Speed, bool Sse);
