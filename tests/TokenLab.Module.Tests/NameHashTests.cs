using System.Security.Cryptography;
using System.Text;
using TokenLab.PowerShell.Infrastructure;

namespace TokenLab.Module.Tests;

/// <summary>The hash in -OutDirectory file names: FIPS-safe on .NET Framework, and the same names as before everywhere.</summary>
public sealed class NameHashTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BothRuntimesChoicesGiveTheSha256NamesSavedFilesAlreadyHave(bool netFramework)
    {
        // FIPS 180-2's test vector: SHA-256("abc") = ba7816bf 8f01cfea 4141...
        Assert.Equal("ba7816bf8f01cfea", NameHash.Hex(Encoding.ASCII.GetBytes("abc"), 16, netFramework));
    }

    [Fact]
    public void NetFrameworkUsesTheFipsValidatedCryptoApiSha256_WhereSha256CreateWouldGiveSha256ManagedThatThrowsUnderFipsPolicy()
    {
        using HashAlgorithm framework = NameHash.Create(netFramework: true);

#pragma warning disable SYSLIB0021 // The CryptoAPI type is exactly what .NET Framework must use.
        Assert.IsType<SHA256CryptoServiceProvider>(framework);
#pragma warning restore SYSLIB0021
    }
}
