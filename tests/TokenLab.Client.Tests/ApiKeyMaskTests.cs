namespace TokenLab.Client.Tests;

public sealed class ApiKeyMaskTests
{
    [Theory]
    [InlineData("sk-emulator-local-key", "sk-...-key")]
    [InlineData("sk-abcdefghijklmnop1234", "sk-...1234")]
    [InlineData("abcdefghijklmnop1234", "...1234")]
    [InlineData("sk-short", "***")]
    [InlineData("", "***")]
    [InlineData(null, "***")]
    public void MasksToPrefixAndLastFour(string? key, string expected) => Assert.Equal(expected, ApiKeyMask.Mask(key));
}
