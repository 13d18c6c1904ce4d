using System.Buffers.Binary;
using Concentus;
using Concentus.Enums;

namespace TokenLab.Emulator.Speech;

/// <summary>
/// <c>opus</c>: the signal encoded with Concentus (a managed port of libopus) into an Ogg Opus stream as
/// RFC 7845 lays it out: an <c>OpusHead</c> page (pre-skip = the encoder's lookahead), an <c>OpusTags</c>
/// page, then pages of 20 ms packets whose granule positions count 48 kHz samples, the last one trimmed to
/// the signal's exact length.
/// </summary>
internal sealed class OpusSpeechAudio(SpeechSignal signal) : SpeechAudio
{
    private const int FrameSamples = SpeechSignal.SampleRate / 50;              // 20 ms
    private const int GranuleRate = 48_000;                                       // Ogg Opus counts at 48 kHz
    private const int SamplesToGranule = GranuleRate / SpeechSignal.SampleRate;
    private const int PacketsPerPage = 50;
    private const int MaxPacketBytes = 1275;
    private const uint StreamSerial = 0x544C4F50;                                 // "TLOP"

    public override string ContentType => "audio/opus";

    public override IEnumerable<ReadOnlyMemory<byte>> Chunks(bool lengthUnknown)
    {
        var encoder = OpusCodecFactory.CreateEncoder(SpeechSignal.SampleRate, 1, OpusApplication.OPUS_APPLICATION_AUDIO, null);
        encoder.Bitrate = 32_000;
        var preSkip = encoder.Lookahead * SamplesToGranule;
        var page = new OggPageWriter(StreamSerial);
        yield return page.Write(OpusHead(preSkip), 0, first: true, last: false);
        yield return page.Write([OpusTags()], 0, first: false, last: false);

        // Encode past the end by the lookahead, so the decoder's output covers every sample of the signal.
        var frames = (signal.TotalSamples + (preSkip / SamplesToGranule) + FrameSamples - 1) / FrameSamples;
        var pcmBytes = new byte[FrameSamples * SpeechSignal.BytesPerSample];
        var pcm = new short[FrameSamples];
        var packets = new List<byte[]>(PacketsPerPage);
        var packet = new byte[MaxPacketBytes];
        for (long frame = 0; frame < frames; frame++)
        {
            Array.Clear(pcmBytes);
            signal.Fill(pcmBytes);
            for (var i = 0; i < pcm.Length; i++)
            {
                pcm[i] = BinaryPrimitives.ReadInt16LittleEndian(pcmBytes.AsSpan(i * 2));
            }

            var length = encoder.Encode(pcm, FrameSamples, packet, packet.Length);
            packets.Add(packet[..length]);
            var last = frame == frames - 1;
            if (packets.Count == PacketsPerPage || last)
            {
                var granule = last ? preSkip + (signal.TotalSamples * SamplesToGranule) : preSkip + ((frame + 1) * FrameSamples * SamplesToGranule);
                yield return page.Write(packets, granule, first: false, last);
                packets.Clear();
            }
        }
    }

    private static List<byte[]> OpusHead(int preSkip)
    {
        var head = new byte[19];
        "OpusHead"u8.CopyTo(head);
        head[8] = 1;                                                              // version
        head[9] = 1;                                                              // mono
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(10), (ushort)preSkip);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(12), SpeechSignal.SampleRate);
        // Output gain 0, channel mapping family 0: the rest stays zero.
        return [head];
    }

    private static byte[] OpusTags()
    {
        var vendor = "TokenLab emulator (Concentus)"u8;
        var tags = new byte[8 + 4 + vendor.Length + 4];
        "OpusTags"u8.CopyTo(tags);
        BinaryPrimitives.WriteUInt32LittleEndian(tags.AsSpan(8), (uint)vendor.Length);
        vendor.CopyTo(tags.AsSpan(12));
        return tags;                                                              // no user comments
    }

    /// <summary>Ogg pages of one logical stream: lacing, sequence numbers and the page CRC.</summary>
    private sealed class OggPageWriter(uint serial)
    {
        private static readonly uint[] CrcTable = BuildCrcTable();
        private uint _sequence;

        public byte[] Write(IReadOnlyList<byte[]> packets, long granule, bool first, bool last)
        {
            var lacing = new List<byte>();
            foreach (var packet in packets)
            {
                for (var left = packet.Length; ; left -= 255)
                {
                    lacing.Add((byte)Math.Min(left, 255));
                    if (left < 255)
                    {
                        break;
                    }
                }
            }

            var page = new byte[27 + lacing.Count + packets.Sum(packet => packet.Length)];
            "OggS"u8.CopyTo(page);
            page[5] = (byte)((first ? 0x02 : 0) | (last ? 0x04 : 0));
            BinaryPrimitives.WriteInt64LittleEndian(page.AsSpan(6), granule);
            BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(14), serial);
            BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(18), _sequence++);
            page[26] = (byte)lacing.Count;
            lacing.CopyTo(page, 27);
            var at = 27 + lacing.Count;
            foreach (var packet in packets)
            {
                packet.CopyTo(page, at);
                at += packet.Length;
            }

            BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(22), Crc(page));
            return page;
        }

        // Ogg's CRC-32: polynomial 0x04C11DB7, not reflected, initial value 0.
        private static uint Crc(ReadOnlySpan<byte> data)
        {
            uint crc = 0;
            foreach (var b in data)
            {
                crc = (crc << 8) ^ CrcTable[(crc >> 24) ^ b];
            }

            return crc;
        }

        private static uint[] BuildCrcTable()
        {
            var table = new uint[256];
            for (uint i = 0; i < 256; i++)
            {
                var value = i << 24;
                for (var bit = 0; bit < 8; bit++)
                {
                    value = (value & 0x80000000) != 0 ? (value << 1) ^ 0x04C11DB7 : value << 1;
                }

                table[i] = value;
            }

            return table;
        }
    }
}
