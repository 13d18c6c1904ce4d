using System.Buffers.Binary;

namespace TokenLab.Emulator.Tests;

/// <summary>
/// Upload durations come from what the container declares (Ogg granule, WebM Duration, MP4 mvhd/mdhd, FLAC
/// STREAMINFO), so segment times and usage follow the audio's real length, not a bitrate guess.
/// </summary>
public sealed class UploadDurationTests : IClassFixture<EmulatorFixture>
{
    // Each container below declares this length and is far smaller than 128 kbit/s would make it.
    private const double Seconds = 7.5;

    private readonly HttpClient _client;

    public UploadDurationTests(EmulatorFixture emulator)
    {
        emulator.Reset();
        _client = emulator.Client;
    }

    public static TheoryData<string, byte[]> Containers() => new()
    {
        { "voice.ogg", OggOpus(Seconds) },
        { "voice.webm", Webm(Seconds) },
        { "voice.m4a", Mp4(Seconds, movieHeader: true) },
        { "voice.mp4", Mp4(Seconds, movieHeader: false) },
        { "voice.flac", Flac(Seconds) },
    };

    [Theory]
    [MemberData(nameof(Containers))]
    public async Task TheDeclaredDurationSetsTimesAndUsage(string fileName, byte[] audio)
    {
        using var response = await AudioUploads.PostAsync(_client, "/v1/audio/transcriptions", AudioUploads.Form(
            audio, fileName, ("model", "whisper-1"), ("response_format", "verbose_json")));
        var body = await response.ReadJsonAsync();

        Assert.Equal(Seconds, body.GetProperty("duration").GetDouble(), 3);
        Assert.Equal(Seconds, body.GetProperty("segments").EnumerateArray().Last().GetProperty("end").GetDouble(), 3);
        Assert.Equal(8, body.GetProperty("usage").GetProperty("seconds").GetInt32());
    }

    [Fact]
    public async Task AContainerThatDoesNotSayFallsBackToTheBitrateGuess()
    {
        using var response = await AudioUploads.PostAsync(_client, "/v1/audio/transcriptions", AudioUploads.Form(
            new byte[32_000], "unknown.ogg", ("model", "whisper-1"), ("response_format", "verbose_json")));

        Assert.Equal(2, (await response.ReadJsonAsync()).GetProperty("duration").GetDouble(), 3);
    }

    /// <summary>Two Ogg pages: OpusHead (pre-skip 312) and a last page whose granule ends at <paramref name="seconds"/> at 48 kHz.</summary>
    private static byte[] OggOpus(double seconds)
    {
        var head = new byte[19];
        "OpusHead"u8.CopyTo(head);
        head[8] = 1;
        head[9] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(10), 312);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(12), 48_000);
        return [.. OggPage(0, head), .. OggPage((long)(seconds * 48_000) + 312, new byte[200])];
    }

    private static byte[] OggPage(long granule, byte[] packet)
    {
        var page = new byte[27 + 1 + packet.Length];
        "OggS"u8.CopyTo(page);
        BinaryPrimitives.WriteInt64LittleEndian(page.AsSpan(6), granule);
        page[26] = 1;
        page[27] = (byte)packet.Length;
        packet.CopyTo(page, 28);
        return page;
    }

    /// <summary>EBML header, a Segment of unknown size, a Void, then Info with TimecodeScale 1 ms and Duration as a double.</summary>
    private static byte[] Webm(double seconds)
    {
        byte[] duration = new byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(duration, seconds * 1000);
        byte[] info = [0x2A, 0xD7, 0xB1, 0x83, 0x0F, 0x42, 0x40, 0x44, 0x89, 0x88, .. duration];
        return
        [
            0x1A, 0x45, 0xDF, 0xA3, 0x84, 0x42, 0x82, 0x81, 0x77,
            0x18, 0x53, 0x80, 0x67, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            0xEC, 0x83, 0, 0, 0,
            0x15, 0x49, 0xA9, 0x66, (byte)(0x80 | info.Length), .. info,
            .. new byte[5000],
        ];
    }

    /// <summary>ftyp, a large mdat, then moov: with an mvhd (version 0), or only a trak's mdhd (version 1) at 44.1 kHz.</summary>
    private static byte[] Mp4(double seconds, bool movieHeader)
    {
        byte[] mvhd = Box("mvhd", [0, 0, 0, 0, .. new byte[8], .. BigEndian(1000), .. BigEndian((uint)(seconds * 1000)), .. new byte[80]]);
        byte[] mdhd = Box("mdhd", [1, 0, 0, 0, .. new byte[16], .. BigEndian(44_100), .. BigEndian(0), .. BigEndian((uint)(seconds * 44_100)), .. new byte[4]]);
        byte[] moov = movieHeader ? Box("moov", mvhd) : Box("moov", Box("trak", [.. Box("tkhd", new byte[84]), .. Box("mdia", mdhd)]));
        return [.. Box("ftyp", "M4A \0\0\0\0"u8.ToArray()), .. Box("mdat", new byte[20_000]), .. moov];
    }

    private static byte[] Box(string type, byte[] body) => [.. BigEndian((uint)(8 + body.Length)), .. System.Text.Encoding.ASCII.GetBytes(type), .. body];

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>fLaC and a last-block STREAMINFO: 16 kHz mono 16-bit, <paramref name="seconds"/> of samples.</summary>
    private static byte[] Flac(double seconds)
    {
        var info = new byte[34];
        var samples = (long)(seconds * 16_000);
        info[10] = 16_000 >> 12;
        info[11] = (16_000 >> 4) & 0xFF;
        info[12] = (byte)(((16_000 & 0x0F) << 4) | (0 << 1) | (15 >> 4));
        info[13] = (byte)(((15 & 0x0F) << 4) | (int)((samples >> 32) & 0x0F));
        BinaryPrimitives.WriteUInt32BigEndian(info.AsSpan(14), (uint)samples);
        return [.. "fLaC"u8.ToArray(), 0x80, 0, 0, 34, .. info, .. new byte[3000]];
    }
}
