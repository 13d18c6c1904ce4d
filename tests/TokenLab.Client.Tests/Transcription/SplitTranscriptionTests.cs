using TokenLab.Client.Audio;
using TokenLab.Client.Tests.Infrastructure;
using TokenLab.Client.Transcription;

namespace TokenLab.Client.Tests.Transcription;

/// <summary>A split file transcribed part by part and joined: offsets, numbering, and the carried-over prompt.</summary>
public sealed class SplitTranscriptionTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture emulator;
    private readonly TempFolder folder = new();

    public SplitTranscriptionTests(EmulatorFixture emulator)
    {
        this.emulator = emulator;
        emulator.Reset();
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task PartsAreJoinedWithTheirOffsetsAndSegmentsNumberedAgain()
    {
        var test = emulator.CreateClient();
        string path = WavTestData.Write(folder, "talk.wav", WavTestData.Create(32));
        IReadOnlyList<AudioPart> parts = await AudioSplitter.SplitAsync(path, (12 * WavTestData.BytesPerSecond) + 44, CancellationToken.None);
        var request = new TranscriptionRequest(AudioUpload.FromFile(path))
        {
            ResponseFormat = TranscriptFormat.VerboseJson,
            TimestampGranularities = [TimestampGranularity.Segment, TimestampGranularity.Word],
        };
        var progress = new RecordingProgress();

        SplitTranscription result = await test.Client.TranscribePartsAsync(request, parts, progress, CancellationToken.None);
        Transcript merged = result.Transcript;

        Assert.Equal(3, result.Parts.Count);
        Assert.Equal(["talk.part1.wav", "talk.part2.wav", "talk.part3.wav"], parts.Select(p => p.Upload.FileName));
        Assert.Equal(string.Join(" ", result.Parts.Select(p => p.Value.Text)), merged.Text);
        Assert.Equal(Enumerable.Range(0, merged.Segments.Count), merged.Segments.Select(s => s.Id));
        Assert.Equal(TimeSpan.Zero, merged.Segments[0].Start);
        for (int i = 1; i < merged.Segments.Count; i++)
        {
            Assert.Equal(merged.Segments[i - 1].End, merged.Segments[i].Start);
        }

        Assert.Equal(TimeSpan.FromSeconds(32), merged.Segments[^1].End);
        Assert.Equal(TimeSpan.FromSeconds(32), merged.Duration);
        Assert.Contains(merged.Segments, s => s.Start == parts[1].Offset);
        Assert.Contains(merged.Segments, s => s.Start == parts[2].Offset);
        Assert.Equal(merged.Words.Select(w => w.Start).Order(), merged.Words.Select(w => w.Start));
        Assert.Equal(parts[2].Offset + result.Parts[2].Value.Words[0].Start, merged.Words[result.Parts[0].Value.Words.Count + result.Parts[1].Value.Words.Count].Start);
        Assert.Equal([1, 2, 3], progress.Reports.Select(p => p.Part).Distinct());
        Assert.All(progress.Reports, p => Assert.Equal(3, p.PartCount));
        Assert.Equal(3, emulator.Requests.Count);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("Short one.", "Short one.")]
    public void APromptContinuesFromThePreviousPart(string? previous, string? prompt) =>
        Assert.Equal(prompt, PromptContinuation.From(previous));

    [Fact]
    public void ALongPreviousTextLeavesItsEndFromAWord()
    {
        string previous = string.Join(" ", Enumerable.Range(0, 100).Select(i => "word" + i));

        string prompt = PromptContinuation.From(previous)!;

        Assert.True(prompt.Length <= 200);
        Assert.EndsWith("word99", prompt, StringComparison.Ordinal);
        Assert.StartsWith("word", prompt, StringComparison.Ordinal);
    }
}
