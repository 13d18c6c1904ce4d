using System.Text.Json.Nodes;

namespace TokenLab.Emulator.Transcription;

/// <summary>
/// The duration variant of a transcription's <c>usage</c>, the same for the REST routes and realtime input
/// transcription: whole seconds, rounded up, as audio is billed (and as the OpenAI .NET SDK reads it: an integer).
/// </summary>
internal static class TranscriptionUsage
{
    public static JsonObject Duration(double seconds) => new()
    {
        ["type"] = "duration",
        ["seconds"] = (int)Math.Ceiling(seconds),
    };
}
