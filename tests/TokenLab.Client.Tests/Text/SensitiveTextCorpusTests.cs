using TokenLab.Client.Text;
using Xunit.Abstractions;

namespace TokenLab.Client.Tests.Text;

/// <summary>
/// The secrets guard measured on a corpus: real-shaped secrets of many kinds (it must catch at least 95 %)
/// and ordinary sentences chosen to tempt a detector (it may flag at most 3 %). Both rates are printed.
/// </summary>
public sealed class SensitiveTextCorpusTests(ITestOutputHelper output)
{
    private const double MinRecall = 0.95;
    private const double MaxFalsePositiveRate = 0.03;

    [Fact]
    public void TheCorpusIsLargeAndVaried()
    {
        IReadOnlyList<SecretSamples.Sample> secrets = SecretSamples.All();

        Assert.True(secrets.Count >= 100, secrets.Count + " secrets");
        Assert.True(secrets.Select(s => s.Kind).Distinct().Count() >= 25, "kinds of secret");
        Assert.True(OrdinaryText.Sentences.Length >= 100, OrdinaryText.Sentences.Length + " ordinary sentences");
        Assert.Equal(OrdinaryText.Sentences.Length, OrdinaryText.Sentences.Distinct().Count());
    }

    [Fact]
    public void CatchesAtLeast95PercentOfSecrets()
    {
        IReadOnlyList<SecretSamples.Sample> secrets = SecretSamples.All();
        List<SecretSamples.Sample> missed = secrets.Where(s => SensitiveTextScanner.Scan(s.Text).Count == 0).ToList();
        double recall = 1 - (double)missed.Count / secrets.Count;

        output.WriteLine($"Recall: {recall:P1} ({secrets.Count - missed.Count} of {secrets.Count} secrets, {secrets.Select(s => s.Kind).Distinct().Count()} kinds)");
        foreach (SecretSamples.Sample sample in missed)
        {
            output.WriteLine("  missed " + sample.Kind);
        }

        Assert.True(recall >= MinRecall, $"recall {recall:P1}; missed: {string.Join(", ", missed.Select(m => m.Kind))}");
    }

    [Fact]
    public void FlagsAtMost3PercentOfOrdinarySentences()
    {
        var flagged = OrdinaryText.Sentences
            .Select(sentence => (Sentence: sentence, Findings: SensitiveTextScanner.Scan(sentence)))
            .Where(r => r.Findings.Count > 0)
            .ToList();
        double rate = (double)flagged.Count / OrdinaryText.Sentences.Length;

        output.WriteLine($"False positives: {rate:P1} ({flagged.Count} of {OrdinaryText.Sentences.Length} ordinary sentences)");
        foreach ((string sentence, IReadOnlyList<SensitiveTextFinding> findings) in flagged)
        {
            output.WriteLine($"  {findings[0].Kind}: {sentence}");
        }

        Assert.True(rate <= MaxFalsePositiveRate, $"false-positive rate {rate:P1}: {string.Join(" | ", flagged.Select(f => f.Sentence))}");
    }

    [Fact]
    public void AFindingCoversTheWholeSecret()
    {
        // What a finding leaves out of the redacted target must hold no random part of the secret.
        foreach (SecretSamples.Sample sample in SecretSamples.All())
        {
            IReadOnlyList<SensitiveTextFinding> findings = SensitiveTextScanner.Scan(sample.Text);
            string redacted = sample.Text;
            foreach (SensitiveTextFinding finding in findings.OrderByDescending(f => f.Index))
            {
                redacted = redacted.Remove(finding.Index, finding.Length);
            }

            if (findings.Count > 0)
            {
                Assert.All(sample.RandomParts.Where(p => p.Length >= 8), part => Assert.DoesNotContain(part, redacted, StringComparison.Ordinal));
            }
        }
    }
}
