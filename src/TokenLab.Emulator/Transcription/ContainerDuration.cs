using System.Buffers.Binary;

namespace TokenLab.Emulator.Transcription;

/// <summary>
/// The duration a container declares, read from its headers as a decoder would before decoding: the last
/// Ogg page's granule position (Opus at 48 kHz less its pre-skip, Vorbis at its sample rate), the WebM
/// <c>Duration</c> element scaled by <c>TimecodeScale</c>, the MP4 <c>mvhd</c> (or the first <c>mdhd</c>)
/// duration over its timescale, and FLAC's STREAMINFO sample count. Null when the container does not say.
/// </summary>
internal static class ContainerDuration
{
    // Ogg pages are at most 65,307 bytes: the last page starts within this tail.
    private const int OggTailBytes = 65_536;

    // Headers that say how long the audio is sit near the start (WebM Info, Ogg identification header).
    private const int HeadBytes = 64 * 1024;

    public static async Task<double?> ReadAsync(Stream content, string extension, CancellationToken cancellationToken)
    {
        var head = await ReadAtAsync(content, 0, HeadBytes, cancellationToken);
        return extension switch
        {
            ".ogg" or ".oga" or ".opus" => OggSeconds(head, await ReadAtAsync(content, Math.Max(0, content.Length - OggTailBytes), OggTailBytes, cancellationToken)),
            ".webm" => WebmSeconds(head),
            ".m4a" or ".mp4" => await Mp4SecondsAsync(content, cancellationToken),
            ".flac" => FlacSeconds(head),
            _ => null,
        };
    }

    private static double? OggSeconds(byte[] head, byte[] tail)
    {
        // The first page carries the identification header: it names the codec and its clock.
        if (head.Length < 28 + 19 || !head.AsSpan(0, 4).SequenceEqual("OggS"u8))
        {
            return null;
        }

        var packet = head.AsSpan(27 + head[26]);
        double rate;
        long skip = 0;
        if (packet.StartsWith("OpusHead"u8) && packet.Length >= 19)
        {
            rate = 48_000;
            skip = BinaryPrimitives.ReadUInt16LittleEndian(packet[10..]);
        }
        else if (packet.Length >= 16 && packet[0] == 1 && packet[1..7].SequenceEqual("vorbis"u8))
        {
            rate = BinaryPrimitives.ReadUInt32LittleEndian(packet[12..]);
        }
        else
        {
            return null;
        }

        for (var page = tail.AsSpan().LastIndexOf("OggS"u8); page >= 0; page = tail.AsSpan(0, page).LastIndexOf("OggS"u8))
        {
            if (page + 14 <= tail.Length)
            {
                var granule = BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(page + 6));
                if (granule > 0 && rate > 0)
                {
                    return Math.Max(0, granule - skip) / rate;
                }
            }
        }

        return null;
    }

    private static double? WebmSeconds(byte[] head)
    {
        const uint Ebml = 0x1A45DFA3, Segment = 0x18538067, Info = 0x1549A966, TimecodeScale = 0x2AD7B1, Duration = 0x4489;
        var reader = new EbmlReader(head);
        if (reader.Next() is not { Id: Ebml } header)
        {
            return null;
        }

        reader.Skip(header);
        if (reader.Next() is not { Id: Segment })
        {
            return null;
        }

        // Inside the segment: skip to Info (SeekHead and Void elements may come first).
        while (reader.Next() is { } element)
        {
            if (element.Id != Info)
            {
                if (!reader.Skip(element))
                {
                    return null;
                }

                continue;
            }

            double scale = 1_000_000;
            double? duration = null;
            var end = element.Size is long size ? reader.Position + size : head.Length;
            while (reader.Position < end && reader.Next() is { } field)
            {
                var value = reader.Data(field);
                if (field.Id == TimecodeScale && value.Length is > 0 and <= 8)
                {
                    scale = value.ToArray().Aggregate(0UL, (sum, b) => (sum << 8) | b);
                }
                else if (field.Id == Duration && value.Length is 4 or 8)
                {
                    duration = value.Length == 4 ? BinaryPrimitives.ReadSingleBigEndian(value) : BinaryPrimitives.ReadDoubleBigEndian(value);
                }

                if (!reader.Skip(field))
                {
                    break;
                }
            }

            return duration is double ticks && ticks > 0 ? ticks * scale / 1e9 : null;
        }

        return null;
    }

    /// <summary>Walks the top-level boxes (moov often follows mdat, so this seeks rather than reads it all) to moov.</summary>
    private static async Task<double?> Mp4SecondsAsync(Stream content, CancellationToken cancellationToken)
    {
        long offset = 0;
        while (offset + 8 <= content.Length)
        {
            var header = await ReadAtAsync(content, offset, 16, cancellationToken);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var headerSize = 8;
            if (size == 1 && header.Length >= 16)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8));
                headerSize = 16;
            }
            else if (size == 0)
            {
                size = content.Length - offset;
            }

            if (size < headerSize)
            {
                return null;
            }

            if (header.AsSpan(4, 4).SequenceEqual("moov"u8))
            {
                var moov = await ReadAtAsync(content, offset + headerSize, (int)Math.Min(size - headerSize, 16 * 1024 * 1024), cancellationToken);
                return BoxDuration(moov, "mvhd"u8) ?? BoxDuration(Find(Find(Find(moov, "trak"u8), "mdia"u8), "mdhd"u8, wholeBox: true), "mdhd"u8);
            }

            offset += size;
        }

        return null;
    }

    /// <summary>Duration over timescale of the full box (mvhd or mdhd, versions 0 and 1) named <paramref name="type"/> among <paramref name="boxes"/>.</summary>
    private static double? BoxDuration(ReadOnlySpan<byte> boxes, ReadOnlySpan<byte> type)
    {
        var body = Find(boxes, type);
        if (body.Length < 24)
        {
            return null;
        }

        var (timescale, duration) = body[0] == 1 && body.Length >= 32
            ? (BinaryPrimitives.ReadUInt32BigEndian(body[20..]), (double)BinaryPrimitives.ReadUInt64BigEndian(body[24..]))
            : (BinaryPrimitives.ReadUInt32BigEndian(body[12..]), BinaryPrimitives.ReadUInt32BigEndian(body[16..]));
        return timescale > 0 && duration > 0 ? duration / timescale : null;
    }

    /// <summary>The body of the first child box of <paramref name="type"/> (or the box itself with <paramref name="wholeBox"/>); empty when absent.</summary>
    private static ReadOnlySpan<byte> Find(ReadOnlySpan<byte> boxes, ReadOnlySpan<byte> type, bool wholeBox = false)
    {
        for (var offset = 0; offset + 8 <= boxes.Length;)
        {
            var size = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(boxes[offset..]), boxes.Length - offset);
            if (size < 8)
            {
                break;
            }

            if (boxes.Slice(offset + 4, 4).SequenceEqual(type))
            {
                return wholeBox ? boxes.Slice(offset, size) : boxes.Slice(offset + 8, size - 8);
            }

            offset += size;
        }

        return [];
    }

    private static double? FlacSeconds(byte[] head)
    {
        // "fLaC", a metadata block header, then STREAMINFO: sample rate (20 bits) … total samples (36 bits).
        if (head.Length < 42 || !head.AsSpan(0, 4).SequenceEqual("fLaC"u8) || (head[4] & 0x7F) != 0)
        {
            return null;
        }

        var info = head.AsSpan(8);
        var rate = (info[10] << 12) | (info[11] << 4) | (info[12] >> 4);
        var samples = ((long)(info[13] & 0x0F) << 32) | BinaryPrimitives.ReadUInt32BigEndian(info[14..]);
        return rate > 0 && samples > 0 ? (double)samples / rate : null;
    }

    private static async Task<byte[]> ReadAtAsync(Stream content, long offset, int count, CancellationToken cancellationToken)
    {
        content.Position = offset;
        var buffer = new byte[(int)Math.Max(0, Math.Min(count, content.Length - offset))];
        await content.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }

    /// <summary>EBML elements in a buffer: variable-length IDs and sizes; an unknown size (all ones) is null.</summary>
    private sealed class EbmlReader(byte[] data)
    {
        public int Position { get; private set; }

        public (uint Id, long? Size)? Next()
        {
            if (ReadVint(keepMarker: true) is not long id || ReadVint(keepMarker: false, sizeField: true) is not long size)
            {
                Position = data.Length;
                return null;
            }

            return ((uint)id, size == -1 ? null : size);
        }

        public ReadOnlySpan<byte> Data((uint Id, long? Size) element) =>
            element.Size is long size && Position + size <= data.Length ? data.AsSpan(Position, (int)size) : [];

        /// <summary>Moves past the element's data; false when it has no known size or ends beyond the buffer.</summary>
        public bool Skip((uint Id, long? Size) element)
        {
            if (element.Size is not long size || Position + size > data.Length)
            {
                return false;
            }

            Position += (int)size;
            return true;
        }

        private long? ReadVint(bool keepMarker, bool sizeField = false)
        {
            if (Position >= data.Length || data[Position] == 0)
            {
                return null;
            }

            var length = System.Numerics.BitOperations.LeadingZeroCount((uint)data[Position]) - 23;
            if (Position + length > data.Length)
            {
                return null;
            }

            long value = keepMarker ? data[Position] : data[Position] & (0xFF >> length);
            var allOnes = value == (0xFF >> length);
            for (var i = 1; i < length; i++)
            {
                value = (value << 8) | data[Position + i];
                allOnes &= data[Position + i] == 0xFF;
            }

            Position += length;
            return sizeField && allOnes ? -1 : value;
        }
    }
}
