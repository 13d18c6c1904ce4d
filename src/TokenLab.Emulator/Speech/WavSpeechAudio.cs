using System.Buffers.Binary;
using System.Text;

namespace TokenLab.Emulator.Speech;

/// <summary>
/// <c>wav</c>: a PCM WAV file. A <c>LIST</c>/<c>INFO</c> chunk before the samples carries the input text as
/// <c>ICMT</c> (UTF-8, NUL-terminated), so a transcription of the file can recover it.
/// </summary>
internal sealed class WavSpeechAudio(SpeechSignal signal, string input) : SpeechAudio
{
    private const uint StreamingPlaceholder = 0xFFFFFFFF;

    public override string ContentType => "audio/wav";

    public override IEnumerable<ReadOnlyMemory<byte>> Chunks(bool lengthUnknown)
    {
        yield return Header(lengthUnknown);
        foreach (var chunk in Samples(signal))
        {
            yield return chunk;
        }
    }

    private byte[] Header(bool lengthUnknown)
    {
        var list = InfoList(input);
        using var header = new MemoryStream();
        var dataSize = (uint)signal.TotalBytes;
        WriteTag(header, "RIFF");
        WriteUInt32(header, lengthUnknown ? StreamingPlaceholder : (uint)(4 + 24 + list.Length + 8 + dataSize));
        WriteTag(header, "WAVE");
        WriteTag(header, "fmt ");
        WriteUInt32(header, 16);
        WriteUInt16(header, 1);
        WriteUInt16(header, 1);
        WriteUInt32(header, SpeechSignal.SampleRate);
        WriteUInt32(header, SpeechSignal.SampleRate * SpeechSignal.BytesPerSample);
        WriteUInt16(header, SpeechSignal.BytesPerSample);
        WriteUInt16(header, 16);
        header.Write(list);
        WriteTag(header, "data");
        WriteUInt32(header, lengthUnknown ? StreamingPlaceholder : dataSize);
        return header.ToArray();
    }

    private static byte[] InfoList(string text)
    {
        using var info = new MemoryStream();
        WriteTag(info, "INFO");
        WriteInfoString(info, "ISFT", "TokenLab emulator");
        WriteInfoString(info, "ICMT", text);
        using var list = new MemoryStream();
        WriteTag(list, "LIST");
        WriteUInt32(list, (uint)info.Length);
        info.WriteTo(list);
        return list.ToArray();
    }

    private static void WriteInfoString(Stream stream, string id, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value + "\0");
        WriteTag(stream, id);
        WriteUInt32(stream, (uint)bytes.Length);
        stream.Write(bytes);
        if (bytes.Length % 2 == 1)
        {
            stream.WriteByte(0);
        }
    }

    private static void WriteTag(Stream stream, string tag) => stream.Write(Encoding.ASCII.GetBytes(tag));

    private static void WriteUInt16(Stream stream, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    private static void WriteUInt32(Stream stream, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }
}
