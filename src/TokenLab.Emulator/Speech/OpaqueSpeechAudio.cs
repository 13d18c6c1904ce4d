namespace TokenLab.Emulator.Speech;

/// <summary>
/// <c>aac</c>: a PLACEHOLDER, not decodable audio: the ADTS sync bytes, then filler at 32 kbit/s of the
/// signal's length, with the documented content type. Enough to exercise downloads (no AAC encoder is at hand).
/// </summary>
internal sealed class OpaqueSpeechAudio(string format, SpeechSignal signal) : SpeechAudio
{
    private const int BytesPerSecond = 4000;

    public override string ContentType => format == "aac" ? "audio/aac" : "application/octet-stream";

    public override IEnumerable<ReadOnlyMemory<byte>> Chunks(bool lengthUnknown)
    {
        byte[] magic = format == "aac" ? [0xFF, 0xF1] : [];
        var remaining = Math.Max(magic.Length, signal.TotalSamples * BytesPerSecond / SpeechSignal.SampleRate);
        var buffer = new byte[ChunkSize];
        magic.CopyTo(buffer, 0);
        while (remaining > 0)
        {
            var count = (int)Math.Min(remaining, buffer.Length);
            remaining -= count;
            yield return buffer.AsMemory(0, count);
            Array.Clear(buffer);
        }
    }
}
