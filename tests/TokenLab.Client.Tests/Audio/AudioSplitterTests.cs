using TokenLab.Client.Audio;
using TokenLab.Client.Tests.Infrastructure;

namespace TokenLab.Client.Tests.Audio;

public sealed class AudioSplitterTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task AWavIsCutOnSampleFramesIntoValidFilesUnderTheLimit()
    {
        string path = WavTestData.Write(folder, "talk.wav", WavTestData.Create(20));
        const long limit = 5 * WavTestData.BytesPerSecond + 1001;

        IReadOnlyList<AudioPart> parts = await AudioSplitter.SplitAsync(path, limit, CancellationToken.None);

        Assert.Equal(4, parts.Count);
        Assert.Equal([1, 2, 3, 4], parts.Select(p => p.Number));
        Assert.All(parts, p => Assert.True(p.Upload.Length <= limit));
        Assert.Equal(TimeSpan.FromSeconds(20), parts[^1].Offset + parts[^1].Duration);
        for (int i = 1; i < parts.Count; i++)
        {
            Assert.Equal(parts[i - 1].Offset + parts[i - 1].Duration, parts[i].Offset);
        }

        long samplesTotal = 0;
        foreach (AudioPart part in parts)
        {
            using Stream stream = part.Upload.Open();
            WavHeader header = await WavFormat.ReadHeaderAsync(stream, CancellationToken.None);
            Assert.Equal(part.Upload.Length - 44, header.DataLength);
            Assert.Equal(0, header.DataLength!.Value % 2);
            Assert.Equal(part.Duration, header.Duration);
            Assert.Equal("talk.part" + part.Number + ".wav", part.Upload.FileName);
            samplesTotal += header.DataLength.Value;
        }

        Assert.Equal(20 * WavTestData.BytesPerSecond, samplesTotal);
    }

    [Fact]
    public async Task APartHoldsExactlyTheOriginalSamplesOfItsRange()
    {
        byte[] original = WavTestData.Create(9);
        string path = WavTestData.Write(folder, "a.wav", original);

        IReadOnlyList<AudioPart> parts = await AudioSplitter.SplitAsync(path, 4 * WavTestData.BytesPerSecond, CancellationToken.None);

        byte[] joined = parts.SelectMany(p => ReadAll(p.Upload.Open()).Skip(44)).ToArray();
        Assert.Equal(original.Skip(44), joined);
    }

    [Fact]
    public async Task AWavCutGoesIntoSilenceBeforeTheLimitWhenThereIsSome()
    {
        string path = WavTestData.Write(folder, "a.wav", WavTestData.Create(30, (8.6, 9.0), (18.0, 18.3)));

        IReadOnlyList<AudioPart> parts = await AudioSplitter.SplitAsync(path, (10 * WavTestData.BytesPerSecond) + 44, CancellationToken.None);

        // The last fifth before each limit is searched: 8 to 10 s, then (from the first cut) a little before 18.8 s.
        Assert.InRange(parts[1].Offset.TotalSeconds, 8.6, 9.0);
        Assert.InRange(parts[2].Offset.TotalSeconds, 18.0, 18.3);
    }

    [Fact]
    public async Task WithoutSilenceAWavIsCutAtTheLimit()
    {
        string path = WavTestData.Write(folder, "a.wav", WavTestData.Create(25));

        IReadOnlyList<AudioPart> parts = await AudioSplitter.SplitAsync(path, (10 * WavTestData.BytesPerSecond) + 44, CancellationToken.None);

        Assert.Equal([0.0, 10.0, 20.0], parts.Select(p => p.Offset.TotalSeconds));
    }

    [Fact]
    public async Task AnMp3IsCutBetweenFramesLeavingTagsAndTheInfoFrameOut()
    {
        byte[] file = Mp3TestData.Join(Mp3TestData.Id3v2(300), Mp3TestData.InfoFrame(), Mp3TestData.Frames(100), Mp3TestData.Id3v1());
        string path = WavTestData.Write(folder, "talk.mp3", file);

        IReadOnlyList<AudioPart> parts = await AudioSplitter.SplitAsync(path, 417 * 30, CancellationToken.None);

        Assert.Equal([30, 30, 30, 10], parts.Select(p => (int)(p.Upload.Length / 417)));
        Assert.Equal(Frames(30), parts[1].Offset);
        Assert.Equal(Frames(90), parts[3].Offset);
        Assert.Equal(Frames(10), parts[3].Duration);
        foreach (AudioPart part in parts)
        {
            byte[] bytes = ReadAll(part.Upload.Open());
            Assert.Equal(0xFF, bytes[0]);
            Assert.Equal(part.Duration, await Mp3Frames.DurationAsync(new MemoryStream(bytes), CancellationToken.None));
        }
    }

    [Fact]
    public async Task AVariableBitrateMp3IsCutInsideTheLongestRunOfLowBitrateFrames()
    {
        var frames = new List<byte[]>();
        for (int i = 0; i < 100; i++)
        {
            frames.Add(i is >= 84 and < 90 ? Mp3TestData.Frame(bitrateIndex: 1, length: 104) : Mp3TestData.Frame());
        }

        string path = WavTestData.Write(folder, "vbr.mp3", Mp3TestData.Join([.. frames]));

        IReadOnlyList<AudioPart> parts = await AudioSplitter.SplitAsync(path, 417 * 90, CancellationToken.None);

        // Frames 84 to 89 are quiet (32 kbit/s, 104 bytes) and lie in the last tenth before the limit:
        // the cut falls in the middle of their run, before frame 87.
        Assert.Equal((84 * 417) + (3 * 104), parts[0].Upload.Length);
        Assert.Equal(2, parts.Count);
    }

    [Fact]
    public async Task OtherFormatsAndNonPcmWavAreRefused()
    {
        string ogg = WavTestData.Write(folder, "a.ogg", new byte[100]);
        byte[] adpcm = WavTestData.Create(1);
        adpcm[20] = 2;
        string wav = WavTestData.Write(folder, "adpcm.wav", adpcm);

        Assert.False(AudioSplitter.CanSplit(ogg));
        await Assert.ThrowsAsync<NotSupportedException>(() => AudioSplitter.SplitAsync(ogg, 1000, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidDataException>(() => AudioSplitter.SplitAsync(wav, 1000, CancellationToken.None));
    }

    [Theory]
    [InlineData(24)] // sample rate
    [InlineData(22)] // channels
    [InlineData(28)] // byte rate
    public async Task AWavHeaderWithoutRateOrChannelsIsRefusedAsInvalidData(int offset)
    {
        byte[] audio = WavTestData.Create(1);
        Array.Clear(audio, offset, offset == 22 ? 2 : 4);
        string wav = WavTestData.Write(folder, "zero-" + offset + ".wav", audio);

        // Not a DivideByZeroException or an ArgumentException from a header made for a part: the cmdlet maps this one to TokenLab.InvalidAudio.
        await Assert.ThrowsAsync<InvalidDataException>(() => AudioSplitter.SplitAsync(wav, 1000, CancellationToken.None));
    }

    /// <summary>The exact playing time of <paramref name="count"/> 44.1 kHz MPEG-1 frames, rounded to a tick once.</summary>
    private static TimeSpan Frames(int count) => TimeSpan.FromTicks((long)Math.Round(count * 1152 * (double)TimeSpan.TicksPerSecond / 44100));

    private static byte[] ReadAll(Stream stream)
    {
        using (stream)
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
