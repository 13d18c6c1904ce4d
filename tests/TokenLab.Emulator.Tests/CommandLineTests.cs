namespace TokenLab.Emulator.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void DefaultsListenOnTheFixedLoopbackPortWithTheLocalKey()
    {
        var commandLine = EmulatorCommandLine.Parse([]);

        Assert.Equal(["http://127.0.0.1:5099"], commandLine.Options.Urls);
        Assert.Equal([EmulatorOptions.DefaultApiKey], commandLine.Options.ApiKeys.Keys);
        Assert.Null(commandLine.Options.ApiKeys[EmulatorOptions.DefaultApiKey]);
        Assert.Null(commandLine.ParentProcessId);
        Assert.False(commandLine.Options.AllowRemote);
        Assert.Equal(RealtimePace.Realtime, commandLine.Options.RealtimePace);
    }

    [Fact]
    public void ParsesEveryFlagInBothForms()
    {
        var commandLine = EmulatorCommandLine.Parse(
        [
            "--urls", "http://127.0.0.1:0", "--api-key", "sk-full", "--api-key=sk-limited=tts-1, whisper-1",
            "--parent-pid=4242", "--allow-remote", "--speech-seconds-per-character", "2.5",
            "--realtime-pace=fast",
        ]);

        Assert.Equal(["http://127.0.0.1:0"], commandLine.Options.Urls);
        Assert.Null(commandLine.Options.ApiKeys["sk-full"]);
        Assert.Equal(["tts-1", "whisper-1"], commandLine.Options.ApiKeys["sk-limited"]!);
        Assert.False(commandLine.Options.ApiKeys.ContainsKey(EmulatorOptions.DefaultApiKey));
        Assert.Equal(4242, commandLine.ParentProcessId);
        Assert.True(commandLine.Options.AllowRemote);
        Assert.Equal(2.5, commandLine.Options.SpeechSecondsPerCharacter);
        Assert.Equal(RealtimePace.Fast, commandLine.Options.RealtimePace);
    }

    [Theory]
    [InlineData("--port", "80")]
    [InlineData("--parent-pid", "abc")]
    [InlineData("--api-key")]
    [InlineData("--api-key", "=tts-1")]
    [InlineData("--speech-seconds-per-character", "0")]
    [InlineData("--speech-seconds-per-character", "fast")]
    [InlineData("--realtime-pace", "slow")]
    public void RejectsMalformedArguments(params string[] args)
    {
        Assert.Throws<ArgumentException>(() => EmulatorCommandLine.Parse(args));
    }

    [Theory]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://localhost:5099")]
    [InlineData("http://[::1]:0")]
    [InlineData("http://127.0.0.1:0;http://[::1]:0")]
    public void LoopbackUrlsAreAccepted(string url)
    {
        Assert.NotEmpty(EmulatorUrls.Validate([url], allowRemote: false));
    }

    [Theory]
    [InlineData("http://0.0.0.0:5099")]
    [InlineData("http://192.168.1.20:80")]
    [InlineData("http://*:5099")]
    [InlineData("http://127.0.0.1:0;http://+:80")]
    public void RemoteUrlsNeedAllowRemote(string url)
    {
        var refusal = Assert.Throws<ArgumentException>(() => EmulatorUrls.Validate([url], allowRemote: false));
        Assert.Contains("--allow-remote", refusal.Message, StringComparison.Ordinal);
        Assert.NotEmpty(EmulatorUrls.Validate([url], allowRemote: true));
    }

    [Fact]
    public void HttpsUrlsAndTheHttpsFlagServeTls()
    {
        Assert.Equal(["https://127.0.0.1:0"], EmulatorUrls.Validate(["https://127.0.0.1:0"], allowRemote: false));
        Assert.Equal(["https://127.0.0.1:5099"], EmulatorCommandLine.Parse(["--https"]).Options.Urls);
        Assert.Equal(["https://127.0.0.1:0", "https://[::1]:0"], EmulatorCommandLine.Parse(["--urls", "http://127.0.0.1:0;https://[::1]:0", "--https"]).Options.Urls);
        Assert.Null(EmulatorCommandLine.Parse(["--https"]).Options.Certificate);
        Assert.Throws<ArgumentException>(() => EmulatorUrls.Validate(["ftp://127.0.0.1:0"], allowRemote: true));
    }

    [Fact]
    public void ACertificateThatCannotBeReadIsABadArgument()
    {
        var missing = Path.Combine(Path.GetTempPath(), "tokenlab-no-such-certificate.pfx");

        var refusal = Assert.Throws<ArgumentException>(() => EmulatorCommandLine.Parse(["--certificate", missing]));

        Assert.Contains(missing, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsyncRefusesARemoteAddress()
    {
        var options = new EmulatorOptions { Urls = ["http://0.0.0.0:0"] };

        await Assert.ThrowsAsync<ArgumentException>(() => EmulatorServer.StartAsync(options));
    }
}
