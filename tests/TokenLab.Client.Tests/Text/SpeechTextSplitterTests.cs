using TokenLab.Client.Text;

namespace TokenLab.Client.Tests.Text;

public sealed class SpeechTextSplitterTests
{
    [Fact]
    public void TextThatFitsIsOnePart() =>
        Assert.Equal(["Short text. Two sentences."], SpeechTextSplitter.Split("  Short text. Two sentences.  ", 100));

    [Fact]
    public void CutsAtSentenceEnds()
    {
        IReadOnlyList<string> parts = SpeechTextSplitter.Split("One two three. Four five six! Seven eight? \"Nine ten.\" Eleven.", 30);

        Assert.Equal(["One two three. Four five six!", "Seven eight? \"Nine ten.\"", "Eleven."], parts);
    }

    [Fact]
    public void ALongSentenceIsCutBetweenWords()
    {
        IReadOnlyList<string> parts = SpeechTextSplitter.Split("alpha beta gamma delta epsilon zeta eta theta", 17);

        Assert.Equal(["alpha beta gamma", "delta epsilon", "zeta eta theta"], parts);
        Assert.All(parts, p => Assert.InRange(p.Length, 1, 17));
    }

    [Fact]
    public void AWordLongerThanAPartIsCutWithoutBreakingASurrogatePair()
    {
        string word = new string('a', 9) + "\U0001F600" + new string('b', 9);

        IReadOnlyList<string> parts = SpeechTextSplitter.Split(word, 10);

        Assert.Equal(word, string.Concat(parts));
        Assert.All(parts, p => Assert.False(char.IsHighSurrogate(p[^1])));
        Assert.All(parts, p => Assert.InRange(p.Length, 1, 10));
    }

    [Fact]
    public void LineBreaksEndSentencesAndNumbersDoNot()
    {
        IReadOnlyList<string> parts = SpeechTextSplitter.Split("Version 2.5 is out\nIt costs 3.50 today", 20);

        Assert.Equal(["Version 2.5 is out", "It costs 3.50 today"], parts);
    }

    [Fact]
    public void LongTextKeepsEveryWordInOrderAndEveryPartFits()
    {
        string text = string.Join(" ", Enumerable.Range(0, 3000).Select(i => i % 17 == 16 ? $"word{i}." : $"word{i}"));

        IReadOnlyList<string> parts = SpeechTextSplitter.Split(text, 4096);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.InRange(p.Length, 1, 4096));
        Assert.Equal(text, string.Join(" ", parts));
        Assert.All(parts.Take(parts.Count - 1), p => Assert.EndsWith(".", p, StringComparison.Ordinal));
    }
}
