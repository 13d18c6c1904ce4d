using TokenLab.Client.Realtime;
using TokenLab.Client.Tests.Infrastructure;
using static TokenLab.Client.Tests.Infrastructure.TestRecordings;

namespace TokenLab.Client.Tests.Realtime;

/// <summary>
/// Recordings in every accepted form come out as 24 kHz mono 16-bit PCM of the same length, with the signal
/// intact: a tone keeps its frequency through decoding, mixing and resampling.
/// </summary>
public sealed class RealtimeInputAudioTests
{
    public static TheoryData<int, int, Sample> EveryRateLayoutAndDepth()
    {
        var cases = new TheoryData<int, int, Sample>();
        foreach (int rate in new[] { 8000, 16000, 22050, 44100, 48000 })
        {
            foreach (int channels in new[] { 1, 2 })
            {
                foreach (Sample sample in Enum.GetValues<Sample>())
                {
                    cases.Add(rate, channels, sample);
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(EveryRateLayoutAndDepth))]
    public async Task ConvertsAToneWavOfAnyRateLayoutAndDepthKeepingItsLengthAndFrequency(int sampleRate, int channels, Sample sample)
    {
        byte[] wav = ToneWav(sampleRate, channels, sample, seconds: 1.5, frequency: 440);

        (RealtimeInputAudio audio, byte[] pcm) = await ConvertAsync(wav, "tone.wav");

        Assert.True(audio.IsConverted || (sampleRate == 24000 && channels == 1 && sample == Sample.Pcm16));
        Assert.StartsWith("WAV, ", audio.Format);
        double[] samples = Pcm16Samples(pcm);
        Assert.InRange(samples.Length / 24000.0, 1.48, 1.52);
        Assert.Equal(audio.Duration, RealtimeAudio.Duration(pcm.Length));
        Assert.InRange(ToneFrequency(samples, 24000), 436, 444);
        // Mono mixing of identical channels keeps the level: a 0.5 sine has an RMS of 0.354 (8-bit loses a little).
        Assert.InRange(Rms(samples), 0.33, 0.37);
    }

    [Theory]
    [InlineData(1, Sample.Pcm16)]
    [InlineData(2, Sample.Pcm24)]
    [InlineData(6, Sample.Float32)]
    [InlineData(6, Sample.Pcm32)]
    public async Task ReadsWaveFormatExtensibleWithAnyChannelCount(int channels, Sample sample)
    {
        byte[] wav = ToneWav(48000, channels, sample, seconds: 1, frequency: 1000, extensible: true);

        (RealtimeInputAudio audio, byte[] pcm) = await ConvertAsync(wav, "surround.wav");

        Assert.Contains(channels == 1 ? "mono" : channels == 2 ? "stereo" : channels + " channels", audio.Format);
        double[] samples = Pcm16Samples(pcm);
        Assert.InRange(samples.Length / 24000.0, 0.98, 1.02);
        Assert.InRange(ToneFrequency(samples, 24000), 990, 1010);
    }

    [Fact]
    public async Task MixesChannelsToMonoByTheirMean()
    {
        byte[] wav = ToneWav(24000, 2, Sample.Pcm16, seconds: 1, frequency: 500, firstChannelOnly: true);

        (_, byte[] pcm) = await ConvertAsync(wav, "left-only.wav");

        // Half of the left channel's level: RMS 0.177 instead of 0.354.
        Assert.InRange(Rms(Pcm16Samples(pcm)), 0.16, 0.19);
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    [InlineData(44100)]
    public async Task KeepsASpeechLikeSignalsVoiceAndLevel(int sampleRate)
    {
        byte[] wav = SpeechLikeWav(sampleRate, 2, Sample.Pcm16, seconds: 2, fundamental: 140);
        double[] original = Pcm16Samples(FirstChannel(wav));

        (_, byte[] pcm) = await ConvertAsync(wav, "voice.wav");

        double[] samples = Pcm16Samples(pcm);
        Assert.InRange(samples.Length / 24000.0, 1.98, 2.02);
        Assert.InRange(Rms(samples) / Rms(original), 0.95, 1.05);
        // The fundamental and a harmonic stand far above a frequency between harmonics.
        double between = PowerAt(samples, 24000, 210);
        Assert.True(PowerAt(samples, 24000, 140) > 100 * between);
        Assert.True(PowerAt(samples, 24000, 420) > 10 * between);
    }

    [Fact]
    public async Task PassesAudioInTheRealtimeFormatThroughUnchanged()
    {
        byte[] wav = ToneWav(24000, 1, Sample.Pcm16, seconds: 0.5, frequency: 300);

        (RealtimeInputAudio audio, byte[] pcm) = await ConvertAsync(wav, "ready.wav");

        Assert.False(audio.IsConverted);
        Assert.Equal(wav[44..], pcm);
        Assert.Equal("WAV, 24 kHz, mono, 16-bit PCM", audio.Format);
    }

    [Theory]
    // Two seconds each; an MP3 adds the encoder's delay and padding (under a tenth of a second).
    [InlineData("tone-1000hz-44k1-stereo.mp3", "MP3, 44.1 kHz, stereo", 2.1, 1000)]
    [InlineData("tone-700hz-22k05-mono.ogg", "Ogg Vorbis, 22.05 kHz, mono", 2.02, 700)]
    public async Task DecodesMp3AndOggVorbis(string name, string format, double maxSeconds, double frequency)
    {
        byte[] recording = File.ReadAllBytes(CommittedPath(name));

        (RealtimeInputAudio audio, byte[] pcm) = await ConvertAsync(recording, name);

        Assert.Equal(format, audio.Format);
        double[] samples = Pcm16Samples(pcm);
        Assert.InRange(samples.Length / 24000.0, 1.98, maxSeconds);
        Assert.InRange(ToneFrequency(samples, 24000), frequency * 0.99, frequency * 1.01);
    }

    [Theory]
    [InlineData("tone-1000hz-44k1-stereo.mp3")]
    [InlineData("tone-700hz-22k05-mono.ogg")]
    public async Task ReadsRecordingsFromAStreamThatCannotSeek(string name)
    {
        byte[] bytes = File.ReadAllBytes(CommittedPath(name));
        byte[] wav = ToneWav(44100, 2, Sample.Float32, seconds: 1, frequency: 440);

        (_, byte[] fromFile) = await ConvertAsync(bytes, name);
        (_, byte[] fromPipe) = await ConvertAsync(bytes, name, seekable: false);
        (_, byte[] wavFromPipe) = await ConvertAsync(wav, "pipe.wav", seekable: false);

        Assert.Equal(fromFile, fromPipe);
        Assert.Equal((await ConvertAsync(wav, "file.wav")).Pcm, wavFromPipe);
    }

    [Fact]
    public async Task ConvertsRawPcmOfTheGivenRateAndChannels()
    {
        byte[] wav = ToneWav(16000, 2, Sample.Pcm16, seconds: 1, frequency: 440);

        (RealtimeInputAudio audio, byte[] pcm) = await ConvertAsync(wav[44..], "voicemail.pcm", new RawPcmFormat(16000, 2));

        Assert.Equal("raw PCM, 16 kHz, stereo, 16-bit", audio.Format);
        double[] samples = Pcm16Samples(pcm);
        Assert.InRange(samples.Length / 24000.0, 0.98, 1.02);
        Assert.InRange(ToneFrequency(samples, 24000), 436, 444);
    }

    [Fact]
    public async Task RefusesRawPcmThatIsNoWholeNumberOfFrames()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ConvertAsync(new byte[4802], "odd.pcm", new RawPcmFormat(16000, 2)));

        Assert.StartsWith("odd.pcm holds 4802 bytes, which is no whole number of 16-bit stereo sample frames (4 bytes each)", error.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x66, 0x4C, 0x61, 0x43, 0, 0, 0, 0x22 }, "FLAC audio")]
    [InlineData(new byte[] { 0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x4D, 0x34, 0x41, 0x20 }, "an MP4/M4A file")]
    [InlineData(new byte[] { 0x1A, 0x45, 0xDF, 0xA3, 1, 2, 3, 4 }, "a WebM/Matroska file")]
    [InlineData(new byte[] { 0xFF, 0xF1, 0x50, 0x80, 0, 0, 0, 0 }, "AAC audio (ADTS)")]
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C, 0x3E }, "not audio of a kind these commands read")]
    public async Task RefusesOtherKindsNamingWhatTheyAreAndWhatIsAccepted(byte[] head, string kind)
    {
        byte[] bytes = [.. head, .. new byte[100]];

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ConvertAsync(bytes, "input.bin"));

        Assert.Equal("input.bin is " + kind + "; realtime sessions take " + RealtimeInputAudio.AcceptedFormats + ".", error.Message);
    }

    [Fact]
    public async Task RefusesAWavOfAnotherEncodingNamingIt()
    {
        byte[] wav = ToneWav(8000, 1, Sample.Pcm16, seconds: 0.1, frequency: 440);
        wav[20] = 7; // mu-law

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ConvertAsync(wav, "call.wav"));

        Assert.StartsWith("call.wav is a WAV file of 8 kHz, mono, mu-law; realtime sessions take WAV (", error.Message);
    }

    [Fact]
    public async Task RefusesADamagedOggVorbisFileAndClosesIt()
    {
        byte[] ogg = File.ReadAllBytes(CommittedPath("tone-700hz-22k05-mono.ogg"))[..64];
        var stream = new MemoryStream([.. ogg, .. new byte[64]]);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => RealtimeInputAudio.OpenAsync(stream, "broken.ogg", null, leaveOpen: false, CancellationToken.None));

        Assert.StartsWith("broken.ogg could not be read as an Ogg Vorbis file: ", error.Message);
        Assert.False(stream.CanRead);
    }

    [Fact]
    public async Task LeavesTheCallersStreamOpenWhenAsked()
    {
        var stream = new MemoryStream(ToneWav(24000, 1, Sample.Pcm16, seconds: 0.1, frequency: 440));

        using (await RealtimeInputAudio.OpenAsync(stream, "-InputStream", RawPcmFormat.Realtime, leaveOpen: true, CancellationToken.None))
        {
        }

        Assert.True(stream.CanRead);
    }

    private static async Task<(RealtimeInputAudio Audio, byte[] Pcm)> ConvertAsync(byte[] recording, string name, RawPcmFormat? raw = null, bool seekable = true)
    {
        Stream source = seekable ? new MemoryStream(recording) : new NonSeekableStream(new MemoryStream(recording), 1000);
        RealtimeInputAudio audio = await RealtimeInputAudio.OpenAsync(source, name, raw, leaveOpen: false, CancellationToken.None);
        using (audio)
        {
            var pcm = new MemoryStream();
            await audio.Pcm.CopyToAsync(pcm);
            return (audio, pcm.ToArray());
        }
    }

    /// <summary>The first channel of a 16-bit stereo WAV (both hold the same), for the level before conversion.</summary>
    private static byte[] FirstChannel(byte[] stereoWav)
    {
        byte[] data = stereoWav[44..];
        var mono = new byte[data.Length / 2];
        for (int i = 0; i < mono.Length / 2; i++)
        {
            mono[i * 2] = data[i * 4];
            mono[(i * 2) + 1] = data[(i * 4) + 1];
        }

        return mono;
    }
}
