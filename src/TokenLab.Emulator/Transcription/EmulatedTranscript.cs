namespace TokenLab.Emulator.Transcription;

/// <summary>One timed stretch of a transcript, in seconds.</summary>
internal sealed record TimedText(int Id, double Start, double End, string Text);

/// <summary>What the emulator "heard": the text, the audio's duration, and the segment and word timings.</summary>
internal sealed record EmulatedTranscript(
    string Text,
    string Language,
    double Duration,
    IReadOnlyList<TimedText> Segments,
    IReadOnlyList<TimedText> Words);
