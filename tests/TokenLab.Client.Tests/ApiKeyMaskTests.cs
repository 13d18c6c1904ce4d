namespace TokenLab.Client.Tests;

public sealed class ApiKeyMaskTests
{
    [Theory]
    [InlineData("sk-emulator-local-key", "sk-\u2026-key")]
    [InlineData("sk-abcdefghijklmnop1234", "sk-\u20261234")]
    [InlineData("abcdefghijklmnop1234", "\u20261234")]
    [InlineData("sk-short", "***")]
    [InlineData("", "***")]
    [InlineData(null, "***")]
    public void MasksToPrefixAndLastFour(string? key, string expected) => Assert.Equal(expected, ApiKeyMask.Mask(key));
}
