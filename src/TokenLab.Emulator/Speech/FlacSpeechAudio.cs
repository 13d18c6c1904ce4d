using System.Buffers.Binary;

namespace TokenLab.Emulator.Speech;

/// <summary>
/// <c>flac</c>: a valid FLAC stream of the signal (24 kHz, mono, 16-bit): STREAMINFO with the sample count,
/// then one frame per 4096 samples, each a single VERBATIM subframe (lossless, uncompressed: FLAC allows it,
/// and every decoder reads it) with the frame header's CRC-8 and the frame's CRC-16.
/// </summary>
internal sealed class FlacSpeechAudio(SpeechSignal signal) : SpeechAudio
{
    private const int BlockSize = 4096;

    // Frame header codes: block size 4096, 24 kHz; "block size in 16 bits after the header" for a short last block.
    private const int BlockSizeCode4096 = 0b1100;
    private const int BlockSizeCodeExplicit = 0b0111;
    private const int SampleRateCode24k = 0b0111;
    private const int SampleSizeCode16 = 0b100;

    // Sync, codes, up to 6 bytes of frame number, 2 bytes of block size, CRC-8.
    private const int FrameHeaderMaxBytes = 4 + 6 + 2 + 1;

    public override string ContentType => "audio/flac";

    public override IEnumerable<ReadOnlyMemory<byte>> Chunks(bool lengthUnknown)
    {
        yield return StreamHeader(signal.TotalSamples);
        var pcm = new byte[BlockSize * SpeechSignal.BytesPerSample];
        var frame = new byte[FrameHeaderMaxBytes + 1 + pcm.Length + 2];
        for (long number = 0; ; number++)
        {
            var filled = signal.Fill(pcm);
            if (filled == 0)
            {
                yield break;
            }

            yield return frame.AsMemory(0, WriteFrame(frame, number, pcm.AsSpan(0, filled)));
        }
    }

    private static byte[] StreamHeader(long totalSamples)
    {
        var header = new byte[4 + 4 + 34];
        "fLaC"u8.CopyTo(header);
        header[4] = 0x80;                                   // last metadata block, type 0 (STREAMINFO)
        header[7] = 34;
        var info = header.AsSpan(8);
        BinaryPrimitives.WriteUInt16BigEndian(info, 16);    // minimum block size (a last block may be shorter)
        BinaryPrimitives.WriteUInt16BigEndian(info[2..], BlockSize);
        // Frame sizes (bytes 4-9) unknown: 0. Then 20 bits rate, 3 bits channels-1, 5 bits bits-1, 36 bits samples.
        info[10] = SpeechSignal.SampleRate >> 12;
        info[11] = (SpeechSignal.SampleRate >> 4) & 0xFF;
        info[12] = (byte)(((SpeechSignal.SampleRate & 0x0F) << 4) | (0 << 1) | (15 >> 4));
        info[13] = (byte)(((15 & 0x0F) << 4) | (int)((totalSamples >> 32) & 0x0F));
        BinaryPrimitives.WriteUInt32BigEndian(info[14..], (uint)totalSamples);
        // The MD5 of the samples (16 bytes) stays zero: "unknown", which FLAC allows.
        return header;
    }

    /// <summary>One frame of little-endian PCM16 samples; returns its length.</summary>
    private static int WriteFrame(Span<byte> frame, long number, ReadOnlySpan<byte> pcm)
    {
        var samples = pcm.Length / SpeechSignal.BytesPerSample;
        var at = 0;
        frame[at++] = 0xFF;
        frame[at++] = 0xF8;                                 // sync, fixed block size
        frame[at++] = (byte)(((samples == BlockSize ? BlockSizeCode4096 : BlockSizeCodeExplicit) << 4) | SampleRateCode24k);
        frame[at++] = SampleSizeCode16 << 1;                // mono
        at += WriteUtf8Number(frame[at..], number);
        if (samples != BlockSize)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame[at..], (ushort)(samples - 1));
            at += 2;
        }

        frame[at] = Crc8(frame[..at]);
        at++;
        frame[at++] = 0b0000_0010;                          // subframe: VERBATIM, no wasted bits
        for (var i = 0; i < samples; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(frame[at..], BinaryPrimitives.ReadInt16LittleEndian(pcm[(i * 2)..]));
            at += 2;
        }

        BinaryPrimitives.WriteUInt16BigEndian(frame[at..], Crc16(frame[..at]));
        return at + 2;
    }

    /// <summary>The frame number in FLAC's extended UTF-8 coding.</summary>
    private static int WriteUtf8Number(Span<byte> destination, long value)
    {
        if (value < 0x80)
        {
            destination[0] = (byte)value;
            return 1;
        }

        var length = 2;
        while (length < 7 && value >= 1L << ((5 * length) + 1))
        {
            length++;
        }

        for (var i = length - 1; i > 0; i--)
        {
            destination[i] = (byte)(0x80 | (value & 0x3F));
            value >>= 6;
        }

        destination[0] = (byte)((0xFF00 >> length) | (int)value);
        return length;
    }

    private static byte Crc8(ReadOnlySpan<byte> data)
    {
        var crc = 0;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80) != 0 ? (crc << 1) ^ 0x07 : crc << 1;
            }
        }

        return (byte)crc;
    }

    private static ushort Crc16(ReadOnlySpan<byte> data)
    {
        var crc = 0;
        foreach (var b in data)
        {
            crc ^= b << 8;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x8005 : crc << 1;
            }
        }

        return (ushort)crc;
    }
}
