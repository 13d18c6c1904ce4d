namespace TokenLab.Emulator.Endpoints.Realtime;

/// <summary>
/// The emulator's "voice": a steady sine tone, 24 kHz mono 16-bit PCM, pitched by the voice name so that two
/// voices sound different. Two seconds are computed once; chunks of up to a second are slices of them.
/// </summary>
internal sealed class ToneGenerator
{
    public const int SampleRate = 24000;
    public const int BytesPerMillisecond = SampleRate * 2 / 1000;

    private const int BytesPerSecond = SampleRate * 2;
    private const double Amplitude = 0.2 * short.MaxValue;

    private readonly byte[] _twoSeconds = new byte[2 * BytesPerSecond];
    private int _offset;

    public ToneGenerator(string voice)
    {
        // A whole number of cycles per second, so the one-second period repeats seamlessly.
        var frequency = 220 + (StableHash(voice) % 23) * 20;
        for (var i = 0; i < _twoSeconds.Length / 2; i++)
        {
            var sample = (short)(Amplitude * Math.Sin(2 * Math.PI * frequency * i / SampleRate));
            _twoSeconds[2 * i] = (byte)sample;
            _twoSeconds[(2 * i) + 1] = (byte)(sample >> 8);
        }
    }

    /// <summary>The next <paramref name="milliseconds"/> (at most 1000) of the tone, continuing where the last chunk ended.</summary>
    public ReadOnlyMemory<byte> Next(int milliseconds)
    {
        var length = milliseconds * BytesPerMillisecond;
        var chunk = _twoSeconds.AsMemory(_offset, length);
        _offset = (_offset + length) % BytesPerSecond;
        return chunk;
    }

    // string.GetHashCode is randomised per process; the pitch of a voice should not be.
    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash & int.MaxValue;
    }
}
