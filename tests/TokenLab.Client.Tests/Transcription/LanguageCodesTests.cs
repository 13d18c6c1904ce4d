using TokenLab.Client.Transcription;

namespace TokenLab.Client.Tests.Transcription;

public sealed class LanguageCodesTests
{
    [Theory]
    [InlineData("de", "de")]
    [InlineData("EN", "en")]
    [InlineData("German", "de")]
    [InlineData("japanese", "ja")]
    [InlineData("Haitian Creole", "ht")]
    [InlineData("de-DE", "de")]
    [InlineData("pt_BR", "pt")]
    [InlineData("zh-Hans", "zh")]
    [InlineData(" fr ", "fr")]
    public void CodesNamesAndCulturesBecomeTheIsoCode(string input, string code)
    {
        Assert.True(LanguageCodes.TryNormalize(input, out string actual));
        Assert.Equal(code, actual);
    }

    [Theory]
    [InlineData("")]
    [InlineData("xx")]
    [InlineData("Klingon")]
    [InlineData("qq-QQ")]
    public void AnythingElseIsRefused(string input) => Assert.False(LanguageCodes.TryNormalize(input, out _));

    [Fact]
    public void EveryCodeHasTwoLettersAndAnEnglishName()
    {
        Assert.All(LanguageCodes.All, code => Assert.Matches("^[a-z]{2}$", code));
        Assert.Equal("German", LanguageCodes.EnglishName("de"));
    }
}
