using System.Buffers.Binary;
using TokenLab.Client.Audio;
using TokenLab.Client.Tests.Infrastructure;

namespace TokenLab.Client.Tests.Audio;

public sealed class WavFormatTests
{
    [Fact]
    public async Task ReadsACanonicalPcm16Header()
    {
        byte[] file = [.. WavFormat.CreatePcm16Header(24000, 1, 48000), .. new byte[48000]];

        WavHeader header = await WavFormat.ReadHeaderAsync(new MemoryStream(file), CancellationToken.None);

        Assert.Equal(WavHeader.PcmFormatTag, header.FormatTag);
        Assert.Equal(1, header.Channels);
        Assert.Equal(24000, header.SampleRate);
        Assert.Equal(16, header.BitsPerSample);
        Assert.Equal(2, header.BlockAlign);
        Assert.Equal(48000, header.BytesPerSecond);
        Assert.Equal(44, header.DataOffset);
        Assert.Equal(48000, header.DataLength);
        Assert.Equal(TimeSpan.FromSeconds(1), header.Duration);
    }

    [Fact]
    public void TheCanonicalHeaderHasTheRiffLayout()
    {
        byte[] header = WavFormat.CreatePcm16Header(44100, 2, 1000);

        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(header, 0, 4));
        Assert.Equal(1036u, BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)));
        Assert.Equal("WAVEfmt ", System.Text.Encoding.ASCII.GetString(header, 8, 8));
        Assert.Equal(16u, BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(16)));
        Assert.Equal(44100u * 4, BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(28)));
        Assert.Equal("data", System.Text.Encoding.ASCII.GetString(header, 36, 4));
        Assert.Equal(1000u, BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(40)));
    }

    [Fact]
    public async Task SkipsExtraChunksAndOddPaddingAndLeavesTheStreamAtTheFirstSample()
    {
        using var file = new MemoryStream();
        file.Write("RIFF"u8);
        file.Write(BitConverter.GetBytes(0u));
        file.Write("WAVE"u8);
        WriteChunk(file, "LIST", new byte[13]);                  // odd size: one pad byte follows
        WriteChunk(file, "fmt ", WavFormat.CreatePcm16Header(16000, 2, 4)[20..36]);
        WriteChunk(file, "fact", new byte[4]);
        file.Write("data"u8);
        file.Write(BitConverter.GetBytes(4u));
        file.Write([1, 2, 3, 4]);
        file.Position = 0;

        WavHeader header = await WavFormat.ReadHeaderAsync(new NonSeekableStream(file), CancellationToken.None);

        Assert.Equal(16000, header.SampleRate);
        Assert.Equal(2, header.Channels);
        Assert.Equal(12 + 8 + 14 + 8 + 16 + 8 + 4 + 8, header.DataOffset);
        Assert.Equal(4, header.DataLength);
        Assert.Equal(1, file.ReadByte());
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(0xFFFFFFFFu)]
    public async Task StreamingSizePlaceholdersReadAsUnknownLength(uint size)
    {
        byte[] file = WavFormat.CreatePcm16Header(24000, 1, 10);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), size);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(40), size);

        WavHeader header = await WavFormat.ReadHeaderAsync(new MemoryStream(file), CancellationToken.None);

        Assert.Null(header.DataLength);
        Assert.Null(header.Duration);
        Assert.Equal(TimeSpan.FromSeconds(0.5), header.DurationOf(24000));
    }

    [Fact]
    public async Task ReadsTheRealFormatOfAnExtensibleHeader()
    {
        using var file = new MemoryStream();
        file.Write("RIFF\0\0\0\0WAVE"u8);
        var format = new byte[40];
        BinaryPrimitives.WriteUInt16LittleEndian(format, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(2), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(format.AsSpan(4), 48000);
        BinaryPrimitives.WriteUInt32LittleEndian(format.AsSpan(8), 48000 * 8);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(12), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(14), 32);
        BinaryPrimitives.WriteUInt16LittleEndian(format.AsSpan(24), 3);   // IEEE float sub-format
        WriteChunk(file, "fmt ", format);
        file.Write("data\0\0\0\0"u8);
        file.Position = 0;

        WavHeader header = await WavFormat.ReadHeaderAsync(file, CancellationToken.None);

        Assert.Equal(3, header.FormatTag);
        Assert.Equal(32, header.BitsPerSample);
    }

    [Theory]
    [InlineData("ID3\u0004 not a wav file at all")]
    [InlineData("RIFF\0\0\0\0AVI ")]
    [InlineData("RIFF\0\0\0\0WAVEfm")]
    [InlineData("RIFF\0\0\0\0WAVEdata\u0004\0\0\0")]
    public async Task AnythingElseIsInvalidData(string bytes)
    {
        var stream = new MemoryStream(System.Text.Encoding.Latin1.GetBytes(bytes));

        await Assert.ThrowsAsync<InvalidDataException>(() => WavFormat.ReadHeaderAsync(stream, CancellationToken.None));
    }

    [Fact]
    public async Task PatchSizesFixesAStreamedFileInPlace()
    {
        using var file = new MemoryStream();
        file.Write(WavFormat.CreatePcm16Header(24000, 1, null));
        file.Write(new byte[4800]);

        WavHeader header = await WavFormat.PatchSizesAsync(file, CancellationToken.None);

        Assert.Equal(4800, header.DataLength);
        Assert.Equal(TimeSpan.FromSeconds(0.1), header.Duration);
        Assert.Equal(file.Length, file.Position);
        byte[] bytes = file.ToArray();
        Assert.Equal((uint)(bytes.Length - 8), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(4800u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(40)));
    }

    [Fact]
    public void PcmDurationFollowsTheLayout() =>
        Assert.Equal(TimeSpan.FromSeconds(2), WavFormat.PcmDuration(96000, 24000, 1, 16));

    [Fact]
    public void HeadersWithTheSameSamplesCanBeJoined()
    {
        WavHeader mono = Parse(WavFormat.CreatePcm16Header(24000, 1, 2));
        Assert.True(mono.HasSameFormatAs(Parse(WavFormat.CreatePcm16Header(24000, 1, 100))));
        Assert.False(mono.HasSameFormatAs(Parse(WavFormat.CreatePcm16Header(24000, 2, 2))));
        Assert.False(mono.HasSameFormatAs(Parse(WavFormat.CreatePcm16Header(22050, 1, 2))));
    }

    private static WavHeader Parse(byte[] header) => WavFormat.ReadHeaderAsync(new MemoryStream(header), CancellationToken.None).GetAwaiter().GetResult();

    private static void WriteChunk(Stream stream, string id, byte[] body)
    {
        stream.Write(System.Text.Encoding.ASCII.GetBytes(id));
        stream.Write(BitConverter.GetBytes((uint)body.Length));
        stream.Write(body);
        if (body.Length % 2 == 1)
        {
            stream.WriteByte(0);
        }
    }
}
