using System.Text.RegularExpressions;

namespace TokenLab.Emulator.Transcription;

/// <summary>
/// Lays a text over an audio's duration, deterministically: one segment per sentence, each sentence's share of
/// the time proportional to its length, and the same again for the words inside a segment. Segments cover the
/// whole duration without gaps, so joined transcripts can be checked for exact offsets.
/// </summary>
internal static partial class TranscriptComposer
{
    // Audio whose words the emulator cannot know gets sentences from this list, chosen by the audio's hash.
    private static readonly string[] FillerSentences =
    [
        "Welcome to the weekly operations review.",
        "The backup jobs finished without errors overnight.",
        "Two servers in the east region need a firmware update.",
        "Please file change requests before Thursday noon.",
        "The new monitoring dashboard is now live for everyone.",
        "Disk usage on the archive cluster reached eighty percent.",
        "We rotated the service certificates on Monday.",
        "Let us review the open incidents one by one.",
        "The help desk closed forty tickets this week.",
        "Thank you all for joining, see you next week.",
    ];

    // One filler sentence per this many seconds of audio, at least one.
    private const double SecondsPerFillerSentence = 5;

    public static EmulatedTranscript Compose(string? spokenText, ulong audioHash, double duration, string language)
    {
        var sentences = spokenText is null ? Filler(audioHash, duration) : Sentences(spokenText);
        var text = string.Join(" ", sentences);
        var segments = Spread(sentences, 0, duration, 0);
        var words = new List<TimedText>();
        foreach (var segment in segments)
        {
            var segmentWords = WordPattern().Matches(segment.Text).Select(match => match.Value).ToList();
            words.AddRange(Spread(segmentWords, segment.Start, segment.End, words.Count));
        }

        return new EmulatedTranscript(text, language, Math.Round(duration, 3), segments, words);
    }

    private static List<string> Sentences(string text)
    {
        var sentences = SentenceEnd().Split(text.Trim()).Where(sentence => sentence.Length > 0).ToList();
        return sentences.Count == 0 ? [string.Empty] : sentences;
    }

    private static List<string> Filler(ulong audioHash, double duration)
    {
        var count = Math.Max(1, (int)(duration / SecondsPerFillerSentence));
        return Enumerable.Range(0, count)
            .Select(index => FillerSentences[(int)((audioHash + (ulong)index) % (ulong)FillerSentences.Length)])
            .ToList();
    }

    /// <summary>Times for each piece between start and end, in proportion to its length, rounded to milliseconds.</summary>
    private static List<TimedText> Spread(IReadOnlyList<string> pieces, double start, double end, int firstId)
    {
        var total = Math.Max(1, pieces.Sum(piece => piece.Length));
        var timed = new List<TimedText>(pieces.Count);
        var before = 0;
        for (var index = 0; index < pieces.Count; index++)
        {
            var from = start + ((end - start) * before / total);
            before += pieces[index].Length;
            var to = index == pieces.Count - 1 ? end : start + ((end - start) * before / total);
            timed.Add(new TimedText(firstId + index, Math.Round(from, 3), Math.Round(to, 3), pieces[index]));
        }

        return timed;
    }

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();

    // Words as Whisper lists them: letters, digits and inner apostrophes, without surrounding punctuation.
    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*")]
    private static partial Regex WordPattern();
}
