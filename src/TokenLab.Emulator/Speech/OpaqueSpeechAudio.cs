namespace TokenLab.Emulator.Speech;

/// <summary>
/// <c>opus</c>, <c>aac</c>, <c>flac</c>: the format's content type and leading magic bytes, then filler at
/// 32 kbit/s of the signal's length. Enough to exercise downloads; not decodable audio.
/// </summary>
internal sealed class OpaqueSpeechAudio(string format, SpeechSignal signal) : SpeechAudio
{
    private const int BytesPerSecond = 4000;

    public override string ContentType => format switch
    {
        "opus" => "audio/opus",
        "aac" => "audio/aac",
        "flac" => "audio/flac",
        _ => "application/octet-stream",
    };

    public override IEnumerable<ReadOnlyMemory<byte>> Chunks(bool lengthUnknown)
    {
        byte[] magic = format switch
        {
            "opus" => "OggS"u8.ToArray(),
            "aac" => [0xFF, 0xF1],
            "flac" => "fLaC"u8.ToArray(),
            _ => [],
        };
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
