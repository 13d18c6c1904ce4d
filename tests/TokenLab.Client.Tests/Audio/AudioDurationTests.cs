using TokenLab.Client.Audio;
using TokenLab.Client.Speech;
using TokenLab.Client.Tests.Infrastructure;

namespace TokenLab.Client.Tests.Audio;

public sealed class AudioDurationTests
{
    [Fact]
    public async Task WavDurationComesFromTheHeaderOrTheLengthWhenStreamed()
    {
        var declared = new MemoryStream([.. WavFormat.CreatePcm16Header(24000, 1, 4800), .. new byte[4800]]);
        var streamed = new MemoryStream([.. WavFormat.CreatePcm16Header(24000, 1, null), .. new byte[2400]]);

        Assert.Equal(TimeSpan.FromSeconds(0.1), await AudioDuration.ReadAsync(declared, "wav", CancellationToken.None));
        Assert.Equal(TimeSpan.FromSeconds(0.05), await AudioDuration.ReadAsync(streamed, "wav", CancellationToken.None));
    }

    [Fact]
    public async Task PcmIs24kHzMono16Bit() =>
        Assert.Equal(TimeSpan.FromSeconds(1), await AudioDuration.ReadAsync(new MemoryStream(new byte[48000]), "pcm", CancellationToken.None));

    [Fact]
    public async Task Mp3DurationCountsFrames() =>
        Assert.Equal(TimeSpan.FromTicks((long)Math.Round(3 * 1152 * (double)TimeSpan.TicksPerSecond / 44100)),
            await AudioDuration.ReadAsync(new MemoryStream(Mp3TestData.Frames(3)), "mp3", CancellationToken.None));

    [Fact]
    public async Task TryReadGivesNullForAudioThatDoesNotParse()
    {
        var notWav = new MemoryStream("not a RIFF header at all"u8.ToArray());
        await Assert.ThrowsAsync<InvalidDataException>(() => AudioDuration.ReadAsync(notWav, "wav", CancellationToken.None));
        Assert.Null(await AudioDuration.TryReadAsync(notWav, "wav", CancellationToken.None));
        Assert.Equal(TimeSpan.FromSeconds(1), await AudioDuration.TryReadAsync(new MemoryStream(new byte[48000]), "pcm", CancellationToken.None));
    }

    [Theory]
    [InlineData("opus")]
    [InlineData("flac")]
    [InlineData("aac")]
    public async Task OtherFormatsHaveNoReadableDuration(string format) =>
        Assert.Null(await AudioDuration.ReadAsync(new MemoryStream(new byte[10]), format, CancellationToken.None));

    [Theory]
    [InlineData(".MP3", "mp3")]
    [InlineData(".wav", "wav")]
    [InlineData(".ogg", "opus")]
    [InlineData(".raw", "pcm")]
    [InlineData(".txt", null)]
    [InlineData("", null)]
    public void FormatsFollowExtensions(string extension, string? format) =>
        Assert.Equal(format, SpeechFormat.FromExtension(extension));
}
