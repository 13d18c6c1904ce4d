namespace TokenLab.Client.Tests.Infrastructure;

/// <summary>Builds MP3 byte streams from silent Layer III frames, tags and info frames.</summary>
internal static class Mp3TestData
{
    /// <summary>MPEG-1, 128 kbit/s, 44.1 kHz, stereo: 417 bytes (418 padded), 1152 samples.</summary>
    public static byte[] Frame(bool padding = false, byte versionBits = 3, byte bitrateIndex = 9, byte sampleRateIndex = 0, bool mono = false, int length = 0)
    {
        byte[] header =
        [
            0xFF,
            (byte)(0xE0 | (versionBits << 3) | 0x02 | 0x01),
            (byte)((bitrateIndex << 4) | (sampleRateIndex << 2) | (padding ? 2 : 0)),
            (byte)(mono ? 0xC0 : 0x00),
        ];
        var frame = new byte[length == 0 ? 417 + (padding ? 1 : 0) : length];
        header.CopyTo(frame, 0);
        return frame;
    }

    /// <summary>A first frame carrying a Xing/Info tag after MPEG-1 stereo side information.</summary>
    public static byte[] InfoFrame(string tag = "Info")
    {
        byte[] frame = Frame();
        System.Text.Encoding.ASCII.GetBytes(tag).CopyTo(frame, 4 + 32);
        return frame;
    }

    /// <summary>An ID3v2.4 tag with <paramref name="payload"/> bytes of (zeroed) frames.</summary>
    public static byte[] Id3v2(int payload)
    {
        var tag = new byte[10 + payload];
        "ID3"u8.CopyTo(tag);
        tag[3] = 4;
        tag[6] = (byte)((payload >> 21) & 0x7F);
        tag[7] = (byte)((payload >> 14) & 0x7F);
        tag[8] = (byte)((payload >> 7) & 0x7F);
        tag[9] = (byte)(payload & 0x7F);
        return tag;
    }

    public static byte[] Id3v1() => [.. "TAG"u8, .. new byte[125]];

    public static byte[] Join(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static byte[] Frames(int count) => Join(Enumerable.Range(0, count).Select(_ => Frame()).ToArray());
}
