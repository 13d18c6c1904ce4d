using OpenAI.Audio;

namespace TokenLab.Emulator.Conformance.Tests;

/// <summary>
/// AudioClient against /v1/audio/speech, /transcriptions and /translations: typed results, every format,
/// generated audio decoded by served decoders (FLAC and AAC have none: the emulator's own tests check them).
/// </summary>
public sealed class AudioClientTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Spoken = "The backup finished at noon. Two disks need a check.";

    [Theory]
    [InlineData("mp3")]
    [InlineData("opus")]
    [InlineData("aac")]
    [InlineData("flac")]
    [InlineData("wav")]
    [InlineData("pcm")]
    public async Task GeneratesSpeechInEveryFormat(string format)
    {
        var audio = await Speech("tts-1").GenerateSpeechAsync(Spoken, GeneratedSpeechVoice.Alloy, new SpeechGenerationOptions { ResponseFormat = new GeneratedSpeechFormat(format) });

        var bytes = audio.Value.ToArray();
        Assert.True(bytes.Length > 1000, $"{format}: {bytes.Length} bytes");
        if (DecodedAudio.CanDecode(format))
        {
            var (seconds, rms) = DecodedAudio.Decode(format, bytes);
            Assert.Equal(ExpectedSeconds(), seconds, 0.03);

            // The emulator's MP3 frames are valid but silent (no Layer III encoder here); every other format carries the signal.
            Assert.True(format == "mp3" || rms > 0.05, $"{format}: RMS {rms:0.000}, the speech signal is missing");
        }
    }

    [Fact]
    public async Task StreamsSpeechAsAudioDeltasWithTokenUsage()
    {
        var client = Speech("gpt-4o-mini-tts");
        var options = new SpeechGenerationOptions { ResponseFormat = GeneratedSpeechFormat.Pcm };
        var whole = (await client.GenerateSpeechAsync(Spoken, GeneratedSpeechVoice.Alloy, options)).Value.ToArray();

        using var streamed = new MemoryStream();
        SpeechTokenUsage? usage = null;
        await foreach (var update in await client.GenerateSpeechStreamingAsync(Spoken, GeneratedSpeechVoice.Alloy, options))
        {
            switch (update)
            {
                case StreamingSpeechAudioDeltaUpdate delta:
                    streamed.Write(delta.AudioBytes.ToArray());
                    break;
                case StreamingSpeechAudioDoneUpdate done:
                    usage = done.Usage;
                    break;
            }
        }

        Assert.Equal(whole, streamed.ToArray());
        Assert.NotNull(usage);
        Assert.Equal((Spoken.Length + 3) / 4, usage.InputTokenCount);
        Assert.True(usage.OutputTokenCount > 0);
        Assert.Equal(usage.InputTokenCount + usage.OutputTokenCount, usage.TotalTokenCount);
    }

    [Theory]
    [InlineData(AudioTimestampGranularities.Default)]
    [InlineData(AudioTimestampGranularities.Segment)]
    [InlineData(AudioTimestampGranularities.Word)]
    [InlineData(AudioTimestampGranularities.Word | AudioTimestampGranularities.Segment)]
    public async Task TranscribesVerboseJsonWithTheAskedTimestamps(AudioTimestampGranularities granularities)
    {
        using var wav = await SpokenWavAsync();

        AudioTranscription transcript = await Transcription().TranscribeAudioAsync(wav, "backup.wav", new AudioTranscriptionOptions
        {
            ResponseFormat = AudioTranscriptionFormat.Verbose,
            TimestampGranularities = granularities,
        });

        Assert.Equal(Spoken, transcript.Text);
        Assert.Equal("english", transcript.Language);
        Assert.Equal(ExpectedSeconds(), transcript.Duration!.Value.TotalSeconds, 2);
        var wantsWords = granularities.HasFlag(AudioTimestampGranularities.Word);
        Assert.Equal(wantsWords ? 10 : 0, transcript.Words.Count);
        if (wantsWords)
        {
            Assert.Equal(["The", "backup", "finished", "at", "noon", "Two", "disks", "need", "a", "check"], transcript.Words.Select(word => word.Word));
            Assert.All(transcript.Words, word => Assert.True(word.EndTime > word.StartTime));
        }

        // Whisper's verbose_json has segments unless only words were asked for.
        var wantsSegments = granularities != AudioTimestampGranularities.Word;
        Assert.Equal(wantsSegments ? 2 : 0, transcript.Segments.Count);
        if (wantsSegments)
        {
            Assert.Equal("The backup finished at noon.", transcript.Segments[0].Text.Trim());
            Assert.Equal(transcript.Duration.Value, transcript.Segments[^1].EndTime);
        }

        var usage = Assert.IsType<AudioTranscriptionDurationUsage>(transcript.Usage);
        Assert.Equal(Math.Ceiling(ExpectedSeconds()), usage.Duration.TotalSeconds);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("text")]
    [InlineData("srt")]
    [InlineData("vtt")]
    public async Task TranscribesEveryOtherResponseFormat(string format)
    {
        using var wav = await SpokenWavAsync();

        AudioTranscription transcript = await Transcription().TranscribeAudioAsync(wav, "backup.wav", new AudioTranscriptionOptions { ResponseFormat = new AudioTranscriptionFormat(format) });

        switch (format)
        {
            case "json" or "text":
                Assert.Equal(Spoken, transcript.Text.Trim());
                break;
            case "srt":
                Assert.StartsWith("1\n00:00:00,000 --> ", transcript.Text, StringComparison.Ordinal);
                Assert.Contains("Two disks need a check.", transcript.Text, StringComparison.Ordinal);
                break;
            default:
                Assert.StartsWith("WEBVTT", transcript.Text, StringComparison.Ordinal);
                Assert.Contains("00:00:00.000 --> ", transcript.Text, StringComparison.Ordinal);
                break;
        }
    }

    [Fact]
    public async Task TranslatesToEnglishWithSegments()
    {
        using var wav = await SpokenWavAsync();

        AudioTranslation translation = await Transcription().TranslateAudioAsync(wav, "backup.wav", new AudioTranslationOptions { ResponseFormat = AudioTranslationFormat.Verbose });

        Assert.Equal(Spoken, translation.Text);
        Assert.Equal("english", translation.Language);
        Assert.Equal(2, translation.Segments.Count);
        Assert.Equal(ExpectedSeconds(), translation.Duration!.Value.TotalSeconds, 2);
    }

    /// <summary>The emulator's speech length: 0.06 s per character at speed 1.</summary>
    private static double ExpectedSeconds() => Spoken.Length * 0.06;

    private AudioClient Speech(string model) => new(model, emulator.Key, emulator.ClientOptions());

    private AudioClient Transcription() => new("whisper-1", emulator.Key, emulator.ClientOptions());

    /// <summary>A WAV the emulator spoke: it carries its text, so the transcript is known.</summary>
    private async Task<MemoryStream> SpokenWavAsync()
    {
        var audio = await Speech("tts-1").GenerateSpeechAsync(Spoken, GeneratedSpeechVoice.Alloy, new SpeechGenerationOptions { ResponseFormat = GeneratedSpeechFormat.Wav });
        return new MemoryStream(audio.Value.ToArray());
    }
}
