using System.Buffers.Binary;
using TokenLab.Client.Audio;
using TokenLab.Client.Tests.Infrastructure;

namespace TokenLab.Client.Tests.Audio;

public sealed class AudioJoinerTests
{
    [Fact]
    public async Task WavPartsBecomeOneFileWithOneHeaderAndCorrectSizes()
    {
        byte[] first = [.. WavFormat.CreatePcm16Header(24000, 1, 4), 1, 2, 3, 4];
        byte[] streamed = [.. WavFormat.CreatePcm16Header(24000, 1, null), 5, 6];
        byte[] trailing = [.. WavFormat.CreatePcm16Header(24000, 1, 2), 7, 8, .. "LIST"u8, 0, 0, 0, 0];
        using var output = new MemoryStream();

        AudioJoiner joiner = AudioJoiner.Create("wav", output);
        foreach (byte[] part in new[] { first, streamed, trailing })
        {
            await joiner.AppendAsync(new NonSeekableStream(new MemoryStream(part)), CancellationToken.None);
        }

        await joiner.CompleteAsync(CancellationToken.None);

        byte[] joined = output.ToArray();
        Assert.Equal([.. WavFormat.CreatePcm16Header(24000, 1, 8), 1, 2, 3, 4, 5, 6, 7, 8], joined);
        Assert.Equal((uint)(joined.Length - 8), BinaryPrimitives.ReadUInt32LittleEndian(joined.AsSpan(4)));
    }

    [Fact]
    public async Task WavPartsOfDifferentFormatsAreRefused()
    {
        AudioJoiner joiner = AudioJoiner.Create("wav", new MemoryStream());
        await joiner.AppendAsync(new MemoryStream(WavFormat.CreatePcm16Header(24000, 1, 0)), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidDataException>(() =>
            joiner.AppendAsync(new MemoryStream(WavFormat.CreatePcm16Header(44100, 2, 0)), CancellationToken.None));
    }

    [Fact]
    public async Task AWavPartShorterThanItsHeaderSaysIsRefused()
    {
        AudioJoiner joiner = AudioJoiner.Create("wav", new MemoryStream());

        await Assert.ThrowsAsync<InvalidDataException>(() =>
            joiner.AppendAsync(new MemoryStream([.. WavFormat.CreatePcm16Header(24000, 1, 100), 1, 2]), CancellationToken.None));
    }

    [Fact]
    public async Task Mp3PartsJoinAtFrameLevel()
    {
        using var output = new MemoryStream();
        AudioJoiner joiner = AudioJoiner.Create("mp3", output);

        await joiner.AppendAsync(new MemoryStream(Mp3TestData.Join(Mp3TestData.Id3v2(30), Mp3TestData.InfoFrame(), Mp3TestData.Frames(2))), CancellationToken.None);
        await joiner.AppendAsync(new MemoryStream(Mp3TestData.Join(Mp3TestData.Id3v2(10), Mp3TestData.Frames(3))), CancellationToken.None);
        await joiner.CompleteAsync(CancellationToken.None);

        Assert.Equal(Mp3TestData.Frames(5), output.ToArray());
    }

    [Fact]
    public async Task PcmPartsAreConcatenated()
    {
        using var output = new MemoryStream();
        AudioJoiner joiner = AudioJoiner.Create("pcm", output);

        await joiner.AppendAsync(new MemoryStream([1, 2]), CancellationToken.None);
        await joiner.AppendAsync(new MemoryStream([3]), CancellationToken.None);
        await joiner.CompleteAsync(CancellationToken.None);

        Assert.Equal(new byte[] { 1, 2, 3 }, output.ToArray());
    }

    [Theory]
    [InlineData("opus")]
    [InlineData("aac")]
    [InlineData("flac")]
    public void OtherFormatsCannotBeJoined(string format) =>
        Assert.Throws<NotSupportedException>(() => AudioJoiner.Create(format, new MemoryStream()));
}
