using System.Security.Cryptography;

namespace TokenLab.Emulator.Endpoints.Realtime;

/// <summary>IDs shaped like OpenAI realtime ones: a prefix and random Crockford base32 ("sess_…", "resp_…", "item_…").</summary>
internal static class RealtimeIds
{
    private const string CrockfordBase32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int RandomLength = 20;

    public static string New(string prefix)
    {
        Span<byte> random = stackalloc byte[RandomLength];
        RandomNumberGenerator.Fill(random);
        Span<char> chars = stackalloc char[RandomLength];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = CrockfordBase32[random[i] & 31];
        }

        return string.Concat(prefix, "_", chars);
    }
}
