namespace TokenLab.Emulator.Speech;

/// <summary>
/// The deterministic "voice" of the emulator: 24 kHz, 16-bit, mono PCM where every input character gets a
/// short tone (its pitch from the character, silence for whitespace), so the audio is the same for the same
/// request and grows with the text. Produced on the fly, so any length costs constant memory.
/// </summary>
internal sealed class SpeechSignal
{
    public const int SampleRate = 24000;
    public const int BytesPerSample = 2;
    private const double MinimumSeconds = 0.25;
    private const double Amplitude = 6000;

    private readonly string _text;
    private readonly double _samplesPerCharacter;
    private double _phase;

    public SpeechSignal(string text, double secondsPerCharacter, double speed)
    {
        _text = text;
        var seconds = Math.Max(MinimumSeconds, text.Length * secondsPerCharacter) / speed;
        TotalSamples = (long)Math.Round(seconds * SampleRate);
        _samplesPerCharacter = Math.Max(1, (double)TotalSamples / Math.Max(1, text.Length));
    }

    public long TotalSamples { get; }

    public long TotalBytes => TotalSamples * BytesPerSample;

    public long SamplesWritten { get; private set; }

    /// <summary>Writes the next samples (little-endian) into <paramref name="destination"/>; returns the bytes written, 0 at the end.</summary>
    public int Fill(Span<byte> destination)
    {
        var count = (int)Math.Min(destination.Length / BytesPerSample, TotalSamples - SamplesWritten);
        for (var i = 0; i < count; i++)
        {
            var character = _text.Length == 0 ? ' ' : _text[(int)Math.Min(_text.Length - 1, SamplesWritten / _samplesPerCharacter)];
            var frequency = 180 + (character % 48) * 15;
            _phase += 2 * Math.PI * frequency / SampleRate;
            var sample = char.IsWhiteSpace(character) ? (short)0 : (short)(Amplitude * Math.Sin(_phase));
            destination[i * 2] = (byte)sample;
            destination[(i * 2) + 1] = (byte)(sample >> 8);
            SamplesWritten++;
        }

        return count * BytesPerSample;
    }
}
