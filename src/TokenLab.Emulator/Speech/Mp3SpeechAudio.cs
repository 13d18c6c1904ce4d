using System.Buffers.Binary;
using System.Text;

namespace TokenLab.Emulator.Speech;

/// <summary>
/// <c>mp3</c>: valid MPEG-2 Layer III frames (24 kHz, mono, 64 kbit/s; silent: all-zero side information),
/// one frame per 576 samples of the signal, after an ID3v2.4 tag whose <c>TXXX</c> frame (description
/// "TokenLab input", UTF-8) carries the input text, and a LAME-style <c>Info</c> frame with the frame count.
/// </summary>
internal sealed class Mp3SpeechAudio(SpeechSignal signal, string input) : SpeechAudio
{
    public const string InputDescription = "TokenLab input";
    private const int SamplesPerFrame = 576;
    private const int FrameLength = 72 * 64000 / 24000;     // 192 bytes
    private const int SideInfoLength = 9;                   // MPEG-2, mono
    private static readonly byte[] FrameHeader = [0xFF, 0xF3, 0x84, 0xC0];   // MPEG-2, Layer III, no CRC, 64 kbit/s, 24 kHz, mono

    public override string ContentType => "audio/mpeg";

    public override IEnumerable<ReadOnlyMemory<byte>> Chunks(bool lengthUnknown)
    {
        var frames = (signal.TotalSamples + SamplesPerFrame - 1) / SamplesPerFrame;
        yield return Id3Tag(input);
        yield return InfoFrame(frames);

        var silent = new byte[FrameLength];
        FrameHeader.CopyTo(silent, 0);
        var buffer = new byte[ChunkSize / FrameLength * FrameLength];
        for (long written = 0; written < frames;)
        {
            var count = (int)Math.Min(frames - written, buffer.Length / FrameLength);
            for (var i = 0; i < count; i++)
            {
                silent.CopyTo(buffer, i * FrameLength);
            }

            written += count;
            yield return buffer.AsMemory(0, count * FrameLength);
        }
    }

    private static byte[] InfoFrame(long frames)
    {
        var frame = new byte[FrameLength];
        FrameHeader.CopyTo(frame, 0);
        var tag = 4 + SideInfoLength;
        Encoding.ASCII.GetBytes("Info").CopyTo(frame, tag);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(tag + 4), 0x3);                              // frame and byte counts follow
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(tag + 8), (uint)(frames + 1));
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(tag + 12), (uint)((frames + 1) * FrameLength));
        return frame;
    }

    private static byte[] Id3Tag(string text)
    {
        var content = new List<byte> { 0x03 };                                                          // UTF-8
        content.AddRange(Encoding.UTF8.GetBytes(InputDescription));
        content.Add(0);
        content.AddRange(Encoding.UTF8.GetBytes(text));
        var frame = new List<byte>();
        frame.AddRange(Encoding.ASCII.GetBytes("TXXX"));
        frame.AddRange(SyncSafe(content.Count));
        frame.AddRange([0, 0]);
        frame.AddRange(content);
        var tag = new List<byte>();
        tag.AddRange(Encoding.ASCII.GetBytes("ID3"));
        tag.AddRange([4, 0, 0]);
        tag.AddRange(SyncSafe(frame.Count));
        tag.AddRange(frame);
        return [.. tag];
    }

    private static byte[] SyncSafe(int value) =>
        [(byte)((value >> 21) & 0x7F), (byte)((value >> 14) & 0x7F), (byte)((value >> 7) & 0x7F), (byte)(value & 0x7F)];
}
