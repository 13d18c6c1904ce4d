using System.Buffers.Binary;

namespace TokenLab.Client.Tests.Infrastructure;

/// <summary>
/// Recordings made in the test: tones and a speech-like signal as WAV files of every sample format (integer PCM of
/// 8, 16, 24 and 32 bits, 32-bit float, WAVE_FORMAT_EXTENSIBLE), and the committed MP3 and Ogg Vorbis tones.
/// </summary>
public static class TestRecordings
{
    public enum Sample
    {
        Pcm8,
        Pcm16,
        Pcm24,
        Pcm32,
        Float32,
    }

    /// <summary>A WAV of a sine at <paramref name="frequency"/> (amplitude 0.5) on every channel, or only on the first with <paramref name="firstChannelOnly"/>.</summary>
    public static byte[] ToneWav(int sampleRate, int channels, Sample sample, double seconds, double frequency, bool extensible = false, bool firstChannelOnly = false) =>
        Wav(sampleRate, channels, sample, seconds, extensible, (i, channel) =>
            firstChannelOnly && channel > 0 ? 0 : 0.5 * Math.Sin(2 * Math.PI * frequency * i / sampleRate));

    /// <summary>
    /// Speech-like: a voiced sound with a fundamental of <paramref name="fundamental"/> and its first five
    /// harmonics falling off, shaped into syllables by a 4 Hz envelope.
    /// </summary>
    public static byte[] SpeechLikeWav(int sampleRate, int channels, Sample sample, double seconds, double fundamental) =>
        Wav(sampleRate, channels, sample, seconds, extensible: false, (i, _) =>
        {
            double t = (double)i / sampleRate;
            double voiced = 0;
            for (int harmonic = 1; harmonic <= 6; harmonic++)
            {
                voiced += Math.Sin(2 * Math.PI * fundamental * harmonic * t) / harmonic;
            }

            return 0.3 * voiced * (0.5 + (0.5 * Math.Sin(2 * Math.PI * 4 * t)));
        });

    public static string CommittedPath(string name) => Path.Combine(AppContext.BaseDirectory, "Audio", "Recordings", name);

    /// <summary>The samples of 16-bit mono PCM as numbers from -1 to 1.</summary>
    public static double[] Pcm16Samples(byte[] pcm)
    {
        var samples = new double[pcm.Length / 2];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(pcm.AsSpan(i * 2)) / 32768.0;
        }

        return samples;
    }

    /// <summary>The frequency of a tone from its upward zero crossings, over the middle of the signal (away from the edges a resampler or codec smooths).</summary>
    public static double ToneFrequency(double[] samples, int sampleRate)
    {
        int from = samples.Length / 10, to = samples.Length - (samples.Length / 10);
        int first = -1, last = -1, crossings = 0;
        for (int i = from + 1; i < to; i++)
        {
            if (samples[i - 1] < 0 && samples[i] >= 0)
            {
                if (first < 0)
                {
                    first = i;
                }
                else
                {
                    crossings++;
                }

                last = i;
            }
        }

        return crossings * (double)sampleRate / (last - first);
    }

    /// <summary>The root mean square over the middle of the signal.</summary>
    public static double Rms(double[] samples)
    {
        int from = samples.Length / 10, to = samples.Length - (samples.Length / 10);
        double sum = 0;
        for (int i = from; i < to; i++)
        {
            sum += samples[i] * samples[i];
        }

        return Math.Sqrt(sum / (to - from));
    }

    /// <summary>The power of one frequency in the signal (Goertzel), for comparing the frequencies a signal holds.</summary>
    public static double PowerAt(double[] samples, int sampleRate, double frequency)
    {
        double coefficient = 2 * Math.Cos(2 * Math.PI * frequency / sampleRate);
        double previous = 0, beforePrevious = 0;
        foreach (double sample in samples)
        {
            double current = sample + (coefficient * previous) - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }

        return (previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious);
    }

    private static byte[] Wav(int sampleRate, int channels, Sample sample, double seconds, bool extensible, Func<int, int, double> value)
    {
        int bytesPerSample = sample switch { Sample.Pcm8 => 1, Sample.Pcm16 => 2, Sample.Pcm24 => 3, _ => 4 };
        int frames = (int)Math.Round(seconds * sampleRate);
        var data = new byte[frames * channels * bytesPerSample];
        for (int i = 0; i < frames; i++)
        {
            for (int channel = 0; channel < channels; channel++)
            {
                Write(data.AsSpan(((i * channels) + channel) * bytesPerSample), sample, value(i, channel));
            }
        }

        return [.. Header(sampleRate, channels, sample, bytesPerSample, extensible, data.Length), .. data];
    }

    private static void Write(Span<byte> target, Sample sample, double value)
    {
        switch (sample)
        {
            case Sample.Pcm8:
                target[0] = (byte)Math.Round(128 + (value * 127));
                break;
            case Sample.Pcm16:
                BinaryPrimitives.WriteInt16LittleEndian(target, (short)Math.Round(value * 32767));
                break;
            case Sample.Pcm24:
                int pcm24 = (int)Math.Round(value * 8388607);
                target[0] = (byte)pcm24;
                target[1] = (byte)(pcm24 >> 8);
                target[2] = (byte)(pcm24 >> 16);
                break;
            case Sample.Pcm32:
                BinaryPrimitives.WriteInt32LittleEndian(target, (int)Math.Round(value * int.MaxValue));
                break;
            default:
                BinaryPrimitives.WriteSingleLittleEndian(target, (float)value);
                break;
        }
    }

    /// <summary>A RIFF header with a fact-less fmt chunk: 16 bytes, or 40 for WAVE_FORMAT_EXTENSIBLE (sub-format GUID starting with the real tag).</summary>
    private static byte[] Header(int sampleRate, int channels, Sample sample, int bytesPerSample, bool extensible, int dataLength)
    {
        int tag = sample == Sample.Float32 ? 3 : 1;
        int fmtLength = extensible ? 40 : 16;
        var header = new byte[12 + 8 + fmtLength + 8];
        var span = header.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], header.Length - 8 + dataLength);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], fmtLength);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], (ushort)(extensible ? 0xFFFE : tag));
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], (ushort)channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * channels * bytesPerSample);
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], (ushort)(channels * bytesPerSample));
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], (ushort)(bytesPerSample * 8));
        if (extensible)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[36..], 22);
            BinaryPrimitives.WriteUInt16LittleEndian(span[38..], (ushort)(bytesPerSample * 8));
            BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (1u << channels) - 1);
            BinaryPrimitives.WriteUInt16LittleEndian(span[44..], (ushort)tag);
            // The rest of KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT: 0000-0010-8000-00AA00389B71.
            byte[] guidTail = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];
            guidTail.CopyTo(span[46..]);
        }

        "data"u8.CopyTo(span[(20 + fmtLength)..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[(24 + fmtLength)..], dataLength);
        return header;
    }
}
