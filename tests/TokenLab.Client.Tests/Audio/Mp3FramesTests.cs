using TokenLab.Client.Audio;
using TokenLab.Client.Tests.Infrastructure;

namespace TokenLab.Client.Tests.Audio;

public sealed class Mp3FramesTests
{
    [Theory]
    [InlineData(3, 9, 0, false, MpegVersion.Mpeg1, 128, 44100, 417, 1152)]
    [InlineData(3, 9, 0, true, MpegVersion.Mpeg1, 128, 44100, 418, 1152)]
    [InlineData(3, 14, 2, false, MpegVersion.Mpeg1, 320, 32000, 1440, 1152)]
    [InlineData(3, 1, 1, false, MpegVersion.Mpeg1, 32, 48000, 96, 1152)]
    [InlineData(2, 8, 1, false, MpegVersion.Mpeg2, 64, 24000, 192, 576)]
    [InlineData(2, 14, 0, true, MpegVersion.Mpeg2, 160, 22050, 523, 576)]
    [InlineData(0, 8, 2, false, MpegVersion.Mpeg25, 64, 8000, 576, 576)]
    public void ParsesLayerThreeHeaders(byte versionBits, byte bitrateIndex, byte sampleRateIndex, bool padding,
        MpegVersion version, int kbps, int sampleRate, int frameLength, int samples)
    {
        byte[] frame = Mp3TestData.Frame(padding, versionBits, bitrateIndex, sampleRateIndex, length: 4);

        Assert.True(Mp3FrameHeader.TryParse(frame, 0, out Mp3FrameHeader? header));
        Assert.Equal(version, header!.Version);
        Assert.Equal(kbps, header.BitrateKbps);
        Assert.Equal(sampleRate, header.SampleRate);
        Assert.Equal(padding, header.Padding);
        Assert.Equal(frameLength, header.FrameLength);
        Assert.Equal(samples, header.SamplesPerFrame);
        Assert.Equal(TimeSpan.FromTicks(samples * TimeSpan.TicksPerSecond / sampleRate), header.Duration);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFB, 0x00, 0x00 })]      // free bitrate
    [InlineData(new byte[] { 0xFF, 0xFB, 0xF0, 0x00 })]      // bad bitrate
    [InlineData(new byte[] { 0xFF, 0xFB, 0x9C, 0x00 })]      // reserved sample rate
    [InlineData(new byte[] { 0xFF, 0xEB, 0x90, 0x00 })]      // reserved version
    [InlineData(new byte[] { 0xFF, 0xFD, 0x90, 0x00 })]      // layer II
    [InlineData(new byte[] { 0xFF, 0xFB, 0x90, 0x02 })]      // reserved emphasis
    [InlineData(new byte[] { 0xFE, 0xFB, 0x90, 0x00 })]      // no sync
    [InlineData(new byte[] { 0xFF, 0xFB, 0x90 })]            // too short
    public void RejectsWhatIsNotALayerThreeFrame(byte[] bytes) =>
        Assert.False(Mp3FrameHeader.TryParse(bytes, 0, out _));

    [Fact]
    public void MonoIsOneChannel()
    {
        Assert.True(Mp3FrameHeader.TryParse(Mp3TestData.Frame(mono: true), 0, out Mp3FrameHeader? header));
        Assert.Equal(1, header!.Channels);
    }

    [Fact]
    public async Task DurationCountsAudioFramesAndSkipsTagsInfoFramesAndGarbage()
    {
        byte[] mp3 = Mp3TestData.Join(
            Mp3TestData.Id3v2(300),
            Mp3TestData.InfoFrame("Xing"),
            Mp3TestData.Frames(10),
            [0x00, 0x12, 0xFF, 0x00],
            Mp3TestData.Frame(padding: true),
            Mp3TestData.Id3v1());

        TimeSpan duration = await Mp3Frames.DurationAsync(new NonSeekableStream(new MemoryStream(mp3), 100), CancellationToken.None);

        Assert.Equal(Frames(11), duration);
    }

    [Fact]
    public async Task TheReaderReportsFramesInfoFramesAndSkippedBytes()
    {
        byte[] mp3 = Mp3TestData.Join(Mp3TestData.InfoFrame(), [1, 2, 3], Mp3TestData.Frames(2));
        var reader = new Mp3FrameReader(new MemoryStream(mp3));

        Assert.True(await reader.ReadNextAsync(CancellationToken.None));
        Assert.True(reader.IsInfoFrame);
        Assert.Equal(417, reader.Frame.Count);
        Assert.True(await reader.ReadNextAsync(CancellationToken.None));
        Assert.False(reader.IsInfoFrame);
        Assert.Equal(3, reader.SkippedBytes);
        Assert.True(await reader.ReadNextAsync(CancellationToken.None));
        Assert.False(await reader.ReadNextAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AFinalFrameCutShortIsLeftOut()
    {
        byte[] mp3 = Mp3TestData.Join(Mp3TestData.Frames(3), Mp3TestData.Frame()[..200]);

        TimeSpan duration = await Mp3Frames.DurationAsync(new MemoryStream(mp3), CancellationToken.None);

        Assert.Equal(Frames(3), duration);
    }

    [Fact]
    public async Task ALargeId3TagIsSkippedOnAnySortOfStream()
    {
        byte[] mp3 = Mp3TestData.Join(Mp3TestData.Id3v2(100_000), Mp3TestData.Frames(4));

        TimeSpan seekable = await Mp3Frames.DurationAsync(new MemoryStream(mp3), CancellationToken.None);
        TimeSpan forwardOnly = await Mp3Frames.DurationAsync(new NonSeekableStream(new MemoryStream(mp3), 4096), CancellationToken.None);

        Assert.Equal(seekable, forwardOnly);
        Assert.Equal(Frames(4), seekable);
    }

    [Fact]
    public async Task CopyFramesJoinsFilesIntoOneFrameStream()
    {
        byte[] first = Mp3TestData.Join(Mp3TestData.Id3v2(50), Mp3TestData.InfoFrame(), Mp3TestData.Frames(3));
        byte[] second = Mp3TestData.Join(Mp3TestData.Id3v2(20), Mp3TestData.InfoFrame(), Mp3TestData.Frames(2), Mp3TestData.Id3v1());
        using var joined = new MemoryStream();

        TimeSpan a = await Mp3Frames.CopyFramesAsync(new MemoryStream(first), joined, CancellationToken.None);
        TimeSpan b = await Mp3Frames.CopyFramesAsync(new MemoryStream(second), joined, CancellationToken.None);

        Assert.Equal(Mp3TestData.Frames(5), joined.ToArray());
        joined.Position = 0;
        Assert.Equal(a + b, await Mp3Frames.DurationAsync(joined, CancellationToken.None));
    }

    [Fact]
    public async Task AnEmptyStreamHasNoDuration() =>
        Assert.Equal(TimeSpan.Zero, await Mp3Frames.DurationAsync(new MemoryStream(), CancellationToken.None));

    /// <summary>The exact playing time of <paramref name="count"/> 44.1 kHz MPEG-1 frames, rounded to a tick once.</summary>
    private static TimeSpan Frames(int count) => TimeSpan.FromTicks((long)Math.Round(count * 1152 * (double)TimeSpan.TicksPerSecond / 44100));
}
