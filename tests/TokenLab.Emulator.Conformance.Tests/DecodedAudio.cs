using System.Buffers.Binary;
using Concentus;
using NAudio.Wave;
using NLayer;

namespace TokenLab.Emulator.Conformance.Tests;

/// <summary>
/// Audio decoded by libraries nobody here wrote: NAudio for WAV, NLayer for MPEG audio, Concentus for Opus
/// (the Ogg pages around it are split here; only the codec decodes). Gives the decoded length and loudness.
/// FLAC and AAC have no served decoder: they are checked by the emulator's own tests.
/// </summary>
internal static class DecodedAudio
{
    public static bool CanDecode(string format) => format is "wav" or "pcm" or "mp3" or "opus";

    /// <summary>Seconds of decoded audio and its RMS level (0 to 1).</summary>
    public static (double Seconds, double Rms) Decode(string format, byte[] audio) => format switch
    {
        "wav" => Measure(new WaveFileReader(new MemoryStream(audio)).ToSampleProvider()),
        // 24 kHz mono 16-bit, no header: the samples as they are.
        "pcm" => Measure(new RawSourceWaveStream(new MemoryStream(audio), new WaveFormat(24_000, 16, 1)).ToSampleProvider()),
        "mp3" => Mp3(audio),
        "opus" => Opus(audio),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "No served decoder for this format."),
    };

    private static (double, double) Measure(ISampleProvider provider)
    {
        var buffer = new float[4096];
        var (samples, squares) = (0L, 0.0);
        int read;
        while ((read = provider.Read(buffer, 0, buffer.Length)) > 0)
        {
            samples += read;
            squares += buffer.Take(read).Sum(sample => (double)sample * sample);
        }

        return ((double)samples / provider.WaveFormat.Channels / provider.WaveFormat.SampleRate, Math.Sqrt(squares / Math.Max(1, samples)));
    }

    private static (double, double) Mp3(byte[] audio)
    {
        using var mpeg = new MpegFile(new MemoryStream(audio));
        var buffer = new float[4096];
        var (samples, squares) = (0L, 0.0);
        int read;
        while ((read = mpeg.ReadSamples(buffer, 0, buffer.Length)) > 0)
        {
            samples += read;
            squares += buffer.Take(read).Sum(sample => (double)sample * sample);
        }

        return ((double)samples / mpeg.Channels / mpeg.SampleRate, Math.Sqrt(squares / Math.Max(1, samples)));
    }

    /// <summary>Every Opus packet decoded at 48 kHz; the pre-skip is dropped and the end trimmed to the last granule position, as RFC 7845 says a player must.</summary>
    private static (double, double) Opus(byte[] ogg)
    {
        var packets = OggPackets(ogg, out var lastGranule);
        Assert.StartsWith("OpusHead", System.Text.Encoding.ASCII.GetString(packets[0]));
        var preSkip = BinaryPrimitives.ReadUInt16LittleEndian(packets[0].AsSpan(10));
        var decoder = OpusCodecFactory.CreateDecoder(48_000, 1, null);
        var pcm = new short[5760];
        var (decoded, squares) = (0L, 0.0);
        foreach (var packet in packets.Skip(2))
        {
            var count = decoder.Decode(packet, pcm, pcm.Length, false);
            decoded += count;
            squares += pcm.Take(count).Sum(sample => (sample / 32768.0) * (sample / 32768.0));
        }

        Assert.True(decoded >= lastGranule, $"decoded {decoded} samples, the stream declares {lastGranule}");
        return ((lastGranule - preSkip) / 48_000.0, Math.Sqrt(squares / Math.Max(1, decoded)));
    }

    private static List<byte[]> OggPackets(byte[] ogg, out long lastGranule)
    {
        var packets = new List<byte[]>();
        var current = new List<byte>();
        lastGranule = 0;
        for (var at = 0; at + 27 <= ogg.Length;)
        {
            Assert.Equal("OggS", System.Text.Encoding.ASCII.GetString(ogg, at, 4));
            lastGranule = BinaryPrimitives.ReadInt64LittleEndian(ogg.AsSpan(at + 6));
            var segments = ogg[at + 26];
            var body = at + 27 + segments;
            for (var i = 0; i < segments; i++)
            {
                var lace = ogg[at + 27 + i];
                current.AddRange(ogg.AsSpan(body, lace).ToArray());
                body += lace;
                if (lace < 255)
                {
                    packets.Add([.. current]);
                    current.Clear();
                }
            }

            at = body;
        }

        return packets;
    }
}
