using TokenLab.Client.Text;

namespace TokenLab.Client.Tests.Text;

public sealed class SensitiveTextScannerTests
{
    [Theory]
    [InlineData("My key is sk-live-0123456789abcdefXYZ, keep it.", SensitiveTextKind.TokenLabApiKey)]
    [InlineData("Use mt-0123456789abcdef0123 for management.", SensitiveTextKind.TokenLabManagementToken)]
    [InlineData("Authorization: Bearer eyZhbGciOiJIUzI1NiJ9abcdef", SensitiveTextKind.BearerToken)]
    [InlineData("AWS key AKIAIOSFODNN7EXAMPLE here", SensitiveTextKind.AwsKey)]
    [InlineData("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", SensitiveTextKind.AwsKey)]
    [InlineData("token ghp_abcdefghijklmnopqrstuvwxyz0123456789", SensitiveTextKind.ServiceToken)]
    [InlineData("slack xoxb-123456789012-abcdefghij", SensitiveTextKind.ServiceToken)]
    [InlineData("maps AIzaSyA-abcdefghijklmnopqrstuvwxyz012345", SensitiveTextKind.ServiceToken)]
    [InlineData("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", SensitiveTextKind.JsonWebToken)]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIEow...", SensitiveTextKind.PrivateKey)]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----", SensitiveTextKind.PrivateKey)]
    [InlineData("Server=db;Database=x;User Id=sa;Password=Hunter2!;", SensitiveTextKind.ConnectionStringPassword)]
    [InlineData("Data Source=x; pwd = 'p a ss'", SensitiveTextKind.ConnectionStringPassword)]
    [InlineData("Fetch https://admin:s3cret@intranet.example.com/report now", SensitiveTextKind.UrlWithCredentials)]
    [InlineData("Download https://acct.blob.core.windows.net/c/f.wav?sv=2022-11-02&sig=abc%2Fdef", SensitiveTextKind.SignedUrl)]
    [InlineData("See https://s3.amazonaws.com/b/k?X-Amz-Signature=0a1b2c", SensitiveTextKind.SignedUrl)]
    [InlineData("Call https://api.example.com/v1?api_key=12345", SensitiveTextKind.SignedUrl)]
    public void FindsEachKindOfSecret(string text, SensitiveTextKind kind)
    {
        SensitiveTextFinding finding = Assert.Single(SensitiveTextScanner.Scan(text));

        Assert.Equal(kind, finding.Kind);
    }

    [Theory]
    [InlineData("Hello, welcome to TokenLab!")]
    [InlineData("The sk-learn library and the task-force met.")]
    [InlineData("Visit https://docs.tokenlab.sh/api-reference/audio?lang=en for details.")]
    [InlineData("The bearer of bad news forgot the password.")]
    [InlineData("Ask for the password at the desk; the pass=word game is fun.")]
    [InlineData("")]
    [InlineData(null)]
    public void OrdinaryTextIsClean(string? text) => Assert.Empty(SensitiveTextScanner.Scan(text));

    [Fact]
    public void ReportsPositionAndKindButNeverTheSecret()
    {
        const string Secret = "sk-abcdefghijklmnop1234";
        string text = "Line one.\nSay hello, then read " + Secret + " aloud.";

        SensitiveTextFinding finding = Assert.Single(SensitiveTextScanner.Scan(text));

        Assert.Equal(2, finding.Line);
        Assert.Equal(22, finding.Column);
        Assert.Equal(text.IndexOf(Secret, StringComparison.Ordinal), finding.Index);
        Assert.Equal(Secret.Length, finding.Length);
        Assert.Equal("a TokenLab API key (sk-\u2026) at line 2, column 22", finding.ToString());
        Assert.DoesNotContain("abcdefghij", finding.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("abcdefghij", finding.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void APrivateKeyFindingCoversTheWholeBlock()
    {
        const string Block = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIB\n-----END EC PRIVATE KEY-----";
        string text = "Key:\n" + Block + "\nThanks.";

        SensitiveTextFinding finding = Assert.Single(SensitiveTextScanner.Scan(text));

        Assert.Equal(text.IndexOf(Block, StringComparison.Ordinal), finding.Index);
        Assert.Equal(Block.Length, finding.Length);
        Assert.Equal(2, finding.Line);

        const string Unterminated = "Key:\n-----BEGIN PRIVATE KEY-----\nMIIE";
        SensitiveTextFinding open = Assert.Single(SensitiveTextScanner.Scan(Unterminated));
        Assert.Equal(Unterminated.Length, open.Index + open.Length);
    }

    [Fact]
    public void OneSecretSeenByTwoRulesIsReportedOnceAndFindingsAreInTextOrder()
    {
        string text = "pwd=abc then Bearer sk-abcdefghijklmnop1234 and AKIAIOSFODNN7EXAMPLE";

        IReadOnlyList<SensitiveTextFinding> findings = SensitiveTextScanner.Scan(text);

        Assert.Equal([SensitiveTextKind.ConnectionStringPassword, SensitiveTextKind.TokenLabApiKey, SensitiveTextKind.AwsKey], findings.Select(f => f.Kind));
        Assert.Equal(findings.OrderBy(f => f.Index), findings);
    }
}
