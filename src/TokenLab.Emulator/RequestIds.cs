using System.Security.Cryptography;

namespace TokenLab.Emulator;

/// <summary>Request IDs shaped like TokenLab's: "req_" and a 26-character ULID (Crockford base32, upper case).</summary>
internal static class RequestIds
{
    private const string CrockfordBase32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New(TimeProvider time)
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);

        // 48-bit millisecond timestamp followed by 80 random bits, as in the ULID layout.
        var value = (UInt128)(ulong)time.GetUtcNow().ToUnixTimeMilliseconds() << 80;
        for (var i = 0; i < random.Length; i++)
        {
            value |= (UInt128)random[i] << (8 * (9 - i));
        }

        Span<char> chars = stackalloc char[26];
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            chars[i] = CrockfordBase32[(int)(value & 31)];
            value >>= 5;
        }

        return string.Concat("req_", chars);
    }
}
