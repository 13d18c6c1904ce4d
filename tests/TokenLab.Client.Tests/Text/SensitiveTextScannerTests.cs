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
    [InlineData("Authorization: Basic c3ZjLWJhY2t1cDpXaW50M3JJc0MwbWlu", SensitiveTextKind.BasicCredentials)]
    [InlineData("AccountName=st01;AccountKey=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFy==;EndpointSuffix=core.windows.net", SensitiveTextKind.CloudKey)]
    [InlineData("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=q1w2e3r4t5y6u7i8o9p0", SensitiveTextKind.CloudKey)]
    [InlineData("{ \"client_secret\": \"q8Lz-3vN_x2Pw\" }", SensitiveTextKind.SecretSetting)]
    [InlineData("smtp:\n  password: Tr0ub4dor&3\n  port: 25", SensitiveTextKind.ConnectionStringPassword)]
    [InlineData("docker login -u admin --password 'Sup3r!Secret'", SensitiveTextKind.ConnectionStringPassword)]
    [InlineData("Charge it with sk_live_4eC39HqLyjWDarjtT1zdp7dc", SensitiveTextKind.ServiceToken)]
    [InlineData("GitLab glpat-Zq4Lm8Kp2Vx6Bn0Tc3Hw", SensitiveTextKind.ServiceToken)]
    [InlineData("Post to https://hooks.slack.com/services/T0001/B0001/XXXXXXXXXXXXXXXXXXXXXXXX", SensitiveTextKind.SignedUrl)]
    [InlineData("The integration token is Qm9vZ2FsbG9vZ2FsbG9v3Xk7Lp2Rt8Wz5Ny1", SensitiveTextKind.OpaqueToken)]
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
    [InlineData("Reset your password: open the portal and follow the steps.")]
    [InlineData("Use password=<your password> or password: ${DB_PASSWORD} in the template.")]
    [InlineData("Basic Training starts on Monday; the Bearer instrumentality is a joke.")]
    [InlineData("Commit 3f9a2b7c1d4e5f60718293a4b5c6d7e8f9012345 and GUID 123e4567-e89b-12d3-a456-426614174000.")]
    [InlineData("Release 7.4.2-rc.1+build.5813 of ConvertFromTokenLabAudioCommand for SKU-AB12-CD34-EF56.")]
    [InlineData("https://grafana.contoso.com/d/abc123/cluster-overview?orgId=1&refresh=30s")]
    [InlineData("")]
    [InlineData(null)]
    public void OrdinaryTextIsClean(string? text) => Assert.Empty(SensitiveTextScanner.Scan(text));

    [Fact]
    public void ARealtimeEventWithAudioAndItemIdsIsClean()
    {
        var audio = new byte[4800];
        new Random(7).NextBytes(audio);
        string json = "{\"type\":\"conversation.item.create\",\"previous_item_id\":\"item_BsbPzw5yLKxV4rfbcvIk1\",\"item\":{\"type\":\"message\",\"role\":\"user\","
            + "\"content\":[{\"type\":\"input_audio\",\"audio\":\"" + Convert.ToBase64String(audio) + "\"}]}}";

        Assert.Empty(SensitiveTextScanner.Scan(json));
    }

    public static TheoryData<string> LongRuns() => new()
    {
        // Runs of the characters keys are made of, which made the regular expressions backtrack until they timed out.
        new string('a', 1 << 20),
        string.Concat(Enumerable.Repeat("a.", 1 << 19)),
        string.Concat(Enumerable.Repeat("a-", 1 << 19)),
        string.Concat(Enumerable.Repeat("1.2-", 1 << 18)),
        string.Concat(Enumerable.Repeat("sk-", 1 << 18)),
        string.Concat(Enumerable.Repeat("eyJ.", 1 << 18)),
        string.Concat(Enumerable.Repeat("https://", 1 << 17)),
        "https://" + new string('a', 1 << 20),
        "https://a.example.com/?" + string.Concat(Enumerable.Repeat("x=1&", 1 << 18)),
        string.Concat(Enumerable.Repeat("password=", 1 << 17)),
        string.Concat(Enumerable.Repeat("Bearer ", 1 << 17)),
        string.Concat(Enumerable.Repeat("-----BEGIN ", 1 << 16)),
        string.Concat(Enumerable.Repeat("aB3", 1 << 18)),
    };

    [Theory]
    [MemberData(nameof(LongRuns))]
    public void ScansALongRunToTheEndAndStillFindsTheSecretAfterIt(string run)
    {
        const string Key = "sk-Zq4Lm8Kp2Vx6Bn0Tc3Hw5Jd";
        string text = run + " then " + Key + " at the end.";

        IReadOnlyList<SensitiveTextFinding> findings = SensitiveTextScanner.Scan(text);

        SensitiveTextFinding last = findings[findings.Count - 1];
        Assert.Equal(text.IndexOf(Key, StringComparison.Ordinal), last.Index);
        Assert.Equal(SensitiveTextKind.TokenLabApiKey, last.Kind);
    }

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
        Assert.Equal("a TokenLab API key (sk-...) at line 2, column 22", finding.ToString());
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
