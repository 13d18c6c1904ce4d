using System.Buffers.Binary;
using TokenLab.Client.Audio;

namespace TokenLab.Client.Tests.Audio;

public sealed class StreamingWavWriterTests
{
    private static readonly WavHeader Pcm24kMono =
        WavFormat.ReadHeaderAsync(new MemoryStream(WavFormat.CreatePcm16Header(24000, 1, 0)), CancellationToken.None).GetAwaiter().GetResult();

    [Fact]
    public async Task PiecesBecomeOneFileWhoseHeaderSizesMatchItsLength()
    {
        using var file = new MemoryStream();
        var writer = new StreamingWavWriter(file, Pcm24kMono);
        await writer.WriteAsync(new byte[1000], 0, 1000, CancellationToken.None);
        await writer.WriteAsync(new byte[2000], 500, 1400, CancellationToken.None);
        await writer.CompleteAsync(CancellationToken.None);

        byte[] bytes = file.ToArray();
        Assert.Equal(44 + 2400, bytes.Length);
        Assert.Equal((uint)(bytes.Length - 8), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(2400u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(40)));
        WavHeader header = await WavFormat.ReadHeaderAsync(new MemoryStream(bytes), CancellationToken.None);
        Assert.Equal(2400, header.DataLength);
        Assert.Equal(TimeSpan.FromMilliseconds(50), header.Duration);
    }

    [Fact]
    public async Task AnOddDataLengthIsPaddedAndCountedInTheRiffSize()
    {
        using var file = new MemoryStream();
        var writer = new StreamingWavWriter(file, Pcm24kMono);
        await writer.WriteAsync(new byte[3], 0, 3, CancellationToken.None);
        await writer.CompleteAsync(CancellationToken.None);

        byte[] bytes = file.ToArray();
        Assert.Equal(44 + 4, bytes.Length);
        Assert.Equal(40u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(40)));
    }

    [Fact]
    public async Task WritingAfterCompletionIsRefused()
    {
        var writer = new StreamingWavWriter(new MemoryStream(), Pcm24kMono);
        await writer.CompleteAsync(CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteAsync(new byte[2], 0, 2, CancellationToken.None));
    }

    [Fact]
    public void ANonSeekableOutputIsRefused() =>
        Assert.Throws<ArgumentException>(() => new StreamingWavWriter(new Infrastructure.NonSeekableStream(new MemoryStream()), Pcm24kMono));
}
