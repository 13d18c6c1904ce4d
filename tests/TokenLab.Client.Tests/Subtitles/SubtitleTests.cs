using TokenLab.Client.Subtitles;
using TokenLab.Client.Transcription;

namespace TokenLab.Client.Tests.Subtitles;

public sealed class SubtitleTests
{
    private static readonly TranscriptSegment[] Segments =
    [
        new(0, TimeSpan.Zero, TimeSpan.FromSeconds(2.5), "Hello there."),
        new(1, TimeSpan.FromSeconds(2.5), new TimeSpan(0, 1, 2, 3, 456), "Second line,\nwrapped."),
    ];

    [Fact]
    public void SrtIsNumberedFromOneWithCommaMilliseconds() => Assert.Equal(
        "1\n00:00:00,000 --> 00:00:02,500\nHello there.\n\n2\n00:00:02,500 --> 01:02:03,456\nSecond line,\nwrapped.\n",
        SubtitleWriter.ToSrt(Segments));

    [Fact]
    public void VttHasItsHeaderAndDotMilliseconds() => Assert.Equal(
        "WEBVTT\n\n00:00:00.000 --> 00:00:02.500\nHello there.\n\n00:00:02.500 --> 01:02:03.456\nSecond line,\nwrapped.\n",
        SubtitleWriter.ToVtt(Segments));

    [Fact]
    public void NoSegmentsMakeEmptySubtitles()
    {
        Assert.Equal(string.Empty, SubtitleWriter.ToSrt([]));
        Assert.Equal("WEBVTT\n", SubtitleWriter.ToVtt([]));
    }

    [Fact]
    public void TimesRoundToTheNearestMillisecondAndBlankLinesInATextCollapse()
    {
        var segment = new TranscriptSegment(0, TimeSpan.FromTicks(15_005), TimeSpan.FromTicks(29_994_999), " One\n\n two ");

        Assert.Equal("1\n00:00:00,002 --> 00:00:02,999\nOne\ntwo\n", SubtitleWriter.ToSrt([segment]));
    }

    [Fact]
    public void WrittenSubtitlesReadBackToTheSameSegments()
    {
        Assert.Equal(Shape(Segments), Shape(SubtitleParser.ParseSrt(SubtitleWriter.ToSrt(Segments))));
        Assert.Equal(Shape(Segments), Shape(SubtitleParser.ParseVtt(SubtitleWriter.ToVtt(Segments))));
    }

    [Fact]
    public void SrtIsReadWithCrLfABomAndWithoutNumbers()
    {
        var segments = SubtitleParser.ParseSrt("\uFEFF1\r\n00:00:01,000 --> 00:00:02,000\r\nOne\r\n\r\n\r\n00:00:02,000 --> 00:00:03,5\r\nTwo\r\n");

        Assert.Equal([(0, 1.0, 2.0, "One"), (1, 2.0, 3.5, "Two")], segments.Select(s => (s.Id, s.Start.TotalSeconds, s.End.TotalSeconds, s.Text)));
    }

    [Fact]
    public void VttIsReadWithIdentifiersSettingsNotesAndShortTimes()
    {
        const string Vtt = "WEBVTT - meeting\n\nNOTE written by hand\n\nSTYLE\n::cue { color: red }\n\nintro\n00:01.000 --> 00:02.000 align:start position:10%\nOne\n\n01:00:00.000 --> 01:00:01.250\nTwo\n";

        var segments = SubtitleParser.ParseVtt(Vtt);

        Assert.Equal([(0, 1.0, 2.0, "One"), (1, 3600.0, 3601.25, "Two")], segments.Select(s => (s.Id, s.Start.TotalSeconds, s.End.TotalSeconds, s.Text)));
    }

    [Theory]
    [InlineData("1\nnot a time\nText\n", false)]
    [InlineData("1\n00:00:01,000 --> soon\nText\n", false)]
    [InlineData("00:00:01.000 --> 00:00:02.000\nText\n", true)]
    public void InvalidSubtitlesAreRefused(string text, bool isVtt) =>
        Assert.Throws<InvalidDataException>(() => isVtt ? SubtitleParser.ParseVtt(text) : SubtitleParser.ParseSrt(text));

    [Fact]
    public void ATranscriptReadFromSubtitlesJoinsTheCueTexts()
    {
        Transcript transcript = Transcript.Parse(SubtitleWriter.ToSrt(Segments), TranscriptFormat.Srt);

        Assert.Equal("Hello there. Second line, wrapped.", transcript.Text);
        Assert.Equal(TranscriptFormat.Srt, transcript.Format);
        Assert.Equal(2, transcript.Segments.Count);
    }

    private static IEnumerable<(int, TimeSpan, TimeSpan, string)> Shape(IEnumerable<TranscriptSegment> segments) =>
        segments.Select(s => (s.Id, s.Start, s.End, s.Text));
}
