using System.Buffers.Binary;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace TokenLab.Emulator.Tests;

/// <summary>
/// Speech in FLAC and Opus is real audio: structurally valid streams (CRCs, granules) whose declared length is
/// the signal's, read back by the transcription route; streamed usage counts the audio, not its container.
/// </summary>
public sealed class SpeechFormatTests : IClassFixture<EmulatorFixture>
{
    private const string Input = "Disk usage on the archive cluster reached eighty percent.";
    private static readonly long SignalSamples = (long)Math.Round(Input.Length * 0.06 * 24000);
    private static readonly double Seconds = SignalSamples / 24000.0;

    private readonly EmulatorFixture _emulator;

    public SpeechFormatTests(EmulatorFixture emulator)
    {
        emulator.Reset();
        _emulator = emulator;
    }

    [Fact]
    public async Task FlacIsAVerbatimStreamWithValidCrcsAndTheSignalsSamples()
    {
        var flac = await SpeakAsync("flac");
        var wav = await SpeakAsync("wav");

        Assert.Equal("fLaC", Encoding.ASCII.GetString(flac, 0, 4));
        var frames = FlacFrames(flac);
        Assert.Equal((SignalSamples + 4095) / 4096, frames.Count);
        var samples = frames.SelectMany(frame => frame).ToArray();
        var wavSamples = Enumerable.Range(0, (wav.Length - WavDataOffset(wav)) / 2).Select(i => BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(WavDataOffset(wav) + (i * 2)))).ToArray();
        Assert.Equal(wavSamples, samples);
        Assert.Equal(Seconds, await UploadedSecondsAsync(flac, "speech.flac"), 3);
    }

    [Fact]
    public async Task OpusIsAnOggOpusStreamWithValidPagesEndingAtTheSignalsLength()
    {
        var opus = await SpeakAsync("opus");

        var pages = OggPages(opus);
        Assert.StartsWith("OpusHead", Encoding.ASCII.GetString(pages[0].Body));
        Assert.StartsWith("OpusTags", Encoding.ASCII.GetString(pages[1].Body));
        Assert.Equal(0x02, pages[0].Flags);
        Assert.Equal(0x04, pages[^1].Flags);
        Assert.Equal(Enumerable.Range(0, pages.Count).Select(i => (uint)i), pages.Select(page => page.Sequence));
        Assert.All(pages.Zip(pages.Skip(1)), pair => Assert.True(pair.First.Granule <= pair.Second.Granule));
        Assert.Equal(Seconds, await UploadedSecondsAsync(opus, "speech.ogg"), 3);
    }

    [Fact]
    public async Task StreamedUsageCountsTheAudioNotTheContainer()
    {
        var tokens = new List<int>();
        foreach (var format in (string[])["mp3", "wav", "pcm", "flac", "opus", "aac"])
        {
            tokens.Add(await StreamedOutputTokensAsync(format));
        }

        Assert.Single(tokens.Distinct());
        Assert.Equal((SignalSamples + 239) / 240, tokens[0]);
    }

    private async Task<byte[]> SpeakAsync(string format)
    {
        using var response = await PostSpeechAsync($$"""{"model":"gpt-4o-mini-tts","input":"{{Input}}","voice":"alloy","response_format":"{{format}}"}""");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<int> StreamedOutputTokensAsync(string format)
    {
        using var response = await PostSpeechAsync($$"""{"model":"gpt-4o-mini-tts","input":"{{Input}}","voice":"alloy","response_format":"{{format}}","stream_format":"sse"}""");
        var done = (await response.Content.ReadAsStringAsync()).Split("\n\n").Last(e => e.StartsWith("data: ", StringComparison.Ordinal));
        return JsonDocument.Parse(done["data: ".Length..]).RootElement.GetProperty("usage").GetProperty("output_tokens").GetInt32();
    }

    private Task<HttpResponseMessage> PostSpeechAsync(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/audio/speech") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EmulatorOptions.DefaultApiKey);
        return _emulator.Client.SendAsync(request);
    }

    private async Task<double> UploadedSecondsAsync(byte[] audio, string fileName)
    {
        using var response = await AudioUploads.PostAsync(_emulator.Client, "/v1/audio/transcriptions", AudioUploads.Form(
            audio, fileName, ("model", "whisper-1"), ("response_format", "verbose_json")));
        return (await response.ReadJsonAsync()).GetProperty("duration").GetDouble();
    }

    private static int WavDataOffset(byte[] wav) => wav.AsSpan().IndexOf("data"u8) + 8;

    /// <summary>Each frame's samples, after checking its sync, header CRC-8, verbatim subframe and CRC-16.</summary>
    private static List<short[]> FlacFrames(byte[] flac)
    {
        var frames = new List<short[]>();
        var at = 4 + 4 + 34;
        while (at < flac.Length)
        {
            Assert.Equal(0xFFF8, BinaryPrimitives.ReadUInt16BigEndian(flac.AsSpan(at)));
            var blockCode = flac[at + 2] >> 4;
            // The frame number's UTF-8 coding: its first byte's leading ones say how many bytes it has.
            var first = flac[at + 4];
            var header = 4 + (first < 0x80 ? 1 : System.Numerics.BitOperations.LeadingZeroCount((uint)(byte)~first) - 24);

            var samples = 4096;
            if (blockCode == 0b0111)
            {
                samples = BinaryPrimitives.ReadUInt16BigEndian(flac.AsSpan(at + header)) + 1;
                header += 2;
            }

            Assert.Equal(Crc8(flac.AsSpan(at, header)), flac[at + header]);
            var subframe = at + header + 1;
            Assert.Equal(0b0000_0010, flac[subframe]);
            var values = Enumerable.Range(0, samples).Select(i => BinaryPrimitives.ReadInt16BigEndian(flac.AsSpan(subframe + 1 + (i * 2)))).ToArray();
            var end = subframe + 1 + (samples * 2);
            Assert.Equal(Crc16(flac.AsSpan(at, end - at)), BinaryPrimitives.ReadUInt16BigEndian(flac.AsSpan(end)));
            frames.Add(values);
            at = end + 2;
        }

        return frames;
    }

    private static List<(byte Flags, long Granule, uint Sequence, byte[] Body)> OggPages(byte[] ogg)
    {
        var pages = new List<(byte, long, uint, byte[])>();
        for (var at = 0; at < ogg.Length;)
        {
            Assert.Equal("OggS", Encoding.ASCII.GetString(ogg, at, 4));
            var segments = ogg[at + 26];
            var bodyLength = ogg.Skip(at + 27).Take(segments).Sum(lace => lace);
            var page = ogg.AsSpan(at, 27 + segments + bodyLength).ToArray();
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(22));
            page.AsSpan(22, 4).Clear();
            Assert.Equal(OggCrc(page), crc);
            pages.Add((page[5], BinaryPrimitives.ReadInt64LittleEndian(page.AsSpan(6)), BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(18)), page[(27 + segments)..]));
            at += page.Length;
        }

        return pages;
    }

    private static byte Crc8(ReadOnlySpan<byte> data) => (byte)Crc(data, 8, 0x07);

    private static ushort Crc16(ReadOnlySpan<byte> data) => (ushort)Crc(data, 16, 0x8005);

    private static uint OggCrc(ReadOnlySpan<byte> data) => Crc(data, 32, 0x04C11DB7);

    /// <summary>A plain MSB-first CRC of <paramref name="width"/> bits with initial value 0, bit by bit.</summary>
    private static uint Crc(ReadOnlySpan<byte> data, int width, uint polynomial)
    {
        ulong crc = 0;
        var top = 1UL << (width - 1);
        var mask = (1UL << width) - 1;
        foreach (var b in data)
        {
            crc ^= (ulong)b << (width - 8);
            for (var bit = 0; bit < 8; bit++)
            {
                crc = ((crc & top) != 0 ? (crc << 1) ^ polynomial : crc << 1) & mask;
            }
        }

        return (uint)crc;
    }
}
