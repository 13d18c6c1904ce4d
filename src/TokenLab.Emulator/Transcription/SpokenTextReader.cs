using System.Buffers.Binary;
using System.Text;

namespace TokenLab.Emulator.Transcription;

/// <summary>
/// Recovers the text that the emulator's own speech route put into its audio, so a generated file transcribes
/// back to its input: WAV carries it as <c>ICMT</c> in a <c>LIST</c>/<c>INFO</c> chunk, MP3 in an ID3v2
/// <c>TXXX</c> frame described "TokenLab input". Other audio has none.
/// </summary>
internal static class SpokenTextReader
{
    public const string Mp3Description = "TokenLab input";

    // Both carriers sit before the audio, within the first chunks or tag.
    private const int MaxHeaderBytes = 1024 * 1024;

    public static async Task<string?> ReadAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var head = new byte[(int)Math.Min(MaxHeaderBytes, content.Length)];
        await content.ReadExactlyAsync(head, cancellationToken);
        return Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".wav" => FromWavInfo(head),
            ".mp3" or ".mpga" or ".mpeg" => FromId3Tag(head),
            _ => null,
        };
    }

    /// <summary>ICMT of a LIST/INFO chunk before the data chunk (UTF-8, NUL-terminated).</summary>
    private static string? FromWavInfo(byte[] file)
    {
        if (file.Length < 12 || !Tag(file, 0, "RIFF") || !Tag(file, 8, "WAVE"))
        {
            return null;
        }

        for (var chunk = 12; chunk + 8 <= file.Length && !Tag(file, chunk, "data");)
        {
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(chunk + 4));
            if (Tag(file, chunk, "LIST") && chunk + 12 <= file.Length && Tag(file, chunk + 8, "INFO"))
            {
                var end = Math.Min(file.Length, chunk + 8 + size);
                for (var item = chunk + 12; item + 8 <= end;)
                {
                    var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(item + 4));
                    if (Tag(file, item, "ICMT") && item + 8 + length <= end)
                    {
                        return Encoding.UTF8.GetString(file, item + 8, length).TrimEnd('\0');
                    }

                    item += 8 + length + (length & 1);
                }
            }

            chunk += 8 + size + (size & 1);
        }

        return null;
    }

    /// <summary>The TXXX frame described "TokenLab input" of an ID3v2.3/2.4 tag at the start of the file.</summary>
    private static string? FromId3Tag(byte[] file)
    {
        if (file.Length < 10 || !file.AsSpan(0, 3).SequenceEqual("ID3"u8))
        {
            return null;
        }

        var version = file[3];
        var end = Math.Min(file.Length, 10 + SyncSafe(file, 6));
        for (var frame = 10; frame + 10 <= end && file[frame] != 0;)
        {
            // ID3v2.4 frame sizes are sync-safe; ID3v2.3 sizes are plain.
            var size = version >= 4 ? SyncSafe(file, frame + 4) : (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(frame + 4));
            if (Tag(file, frame, "TXXX") && frame + 10 + size <= end && TxxxValue(file.AsSpan(frame + 10, size)) is { } text)
            {
                return text;
            }

            frame += 10 + size;
        }

        return null;
    }

    /// <summary>A UTF-8 (encoding 3) TXXX frame's value when its description is <see cref="Mp3Description"/>.</summary>
    private static string? TxxxValue(ReadOnlySpan<byte> content)
    {
        if (content.Length < 2 || content[0] != 3)
        {
            return null;
        }

        var separator = content[1..].IndexOf((byte)0);
        return separator >= 0 && Encoding.UTF8.GetString(content.Slice(1, separator)) == Mp3Description
            ? Encoding.UTF8.GetString(content[(separator + 2)..]).TrimEnd('\0')
            : null;
    }

    private static int SyncSafe(byte[] bytes, int offset) =>
        ((bytes[offset] & 0x7F) << 21) | ((bytes[offset + 1] & 0x7F) << 14) | ((bytes[offset + 2] & 0x7F) << 7) | (bytes[offset + 3] & 0x7F);

    private static bool Tag(byte[] bytes, int offset, string tag) =>
        offset + 4 <= bytes.Length && bytes[offset] == tag[0] && bytes[offset + 1] == tag[1] && bytes[offset + 2] == tag[2] && bytes[offset + 3] == tag[3];
}
