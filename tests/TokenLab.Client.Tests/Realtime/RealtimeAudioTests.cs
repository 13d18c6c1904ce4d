using TokenLab.Client.Audio;
using TokenLab.Client.Realtime;

namespace TokenLab.Client.Tests.Realtime;

public sealed class RealtimeAudioTests
{
    [Fact]
    public async Task AcceptsA24KilohertzMonoPcm16WavAndStopsAtItsFirstSample()
    {
        using var wav = new MemoryStream([.. WavFormat.CreatePcm16Header(24000, 1, 4), 1, 2, 3, 4]);

        var header = await RealtimeAudio.ReadWavHeaderAsync(wav, CancellationToken.None);

        Assert.Equal(4, header.DataLength);
        Assert.Equal(1, wav.ReadByte());
    }

    [Theory]
    [InlineData(16000, 1, "16 kHz, mono, 16-bit PCM")]
    [InlineData(24000, 2, "24 kHz, stereo, 16-bit PCM")]
    [InlineData(44100, 2, "44.1 kHz, stereo, 16-bit PCM")]
    public async Task RefusesOtherFormatsNamingTheRequiredOne(int sampleRate, int channels, string actual)
    {
        using var wav = new MemoryStream(WavFormat.CreatePcm16Header(sampleRate, channels, 0));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => RealtimeAudio.ReadWavHeaderAsync(wav, CancellationToken.None));

        Assert.Equal("The WAV audio is " + actual + "; realtime sessions need 24 kHz, mono, 16-bit PCM.", error.Message);
    }

    [Fact]
    public void AppendChunksAreHalfASecond() =>
        Assert.Equal(TimeSpan.FromSeconds(0.5), RealtimeAudio.Duration(RealtimeAudio.AppendChunkBytes));
}
