using TokenLab.Client.Audio;

namespace TokenLab.Client.Tests.Infrastructure;

/// <summary>16-bit mono PCM WAV files with a tone and, where asked, stretches of silence.</summary>
internal static class WavTestData
{
    public const int SampleRate = 8000;
    public const int BytesPerSecond = SampleRate * 2;

    /// <summary>A WAV of <paramref name="seconds"/> seconds of tone, silent within each of <paramref name="silences"/> (seconds from, to).</summary>
    public static byte[] Create(double seconds, params (double From, double To)[] silences)
    {
        int samples = (int)(seconds * SampleRate);
        var data = new byte[samples * 2];
        for (int i = 0; i < samples; i++)
        {
            double at = (double)i / SampleRate;
            bool silent = silences.Any(s => at >= s.From && at < s.To);
            short sample = silent ? (short)0 : (short)(8000 * Math.Sin(i / 5.0));
            data[i * 2] = (byte)sample;
            data[(i * 2) + 1] = (byte)(sample >> 8);
        }

        return [.. WavFormat.CreatePcm16Header(SampleRate, 1, data.Length), .. data];
    }

    public static string Write(TempFolder folder, string name, byte[] audio)
    {
        string path = folder.File(name);
        File.WriteAllBytes(path, audio);
        return path;
    }
}
