namespace TokenLab.Emulator.Speech;

/// <summary><c>pcm</c>: raw 24 kHz 16-bit little-endian mono samples, no header (as OpenAI documents it).</summary>
internal sealed class PcmSpeechAudio(SpeechSignal signal) : SpeechAudio
{
    public override string ContentType => "audio/pcm";

    public override IEnumerable<ReadOnlyMemory<byte>> Chunks(bool lengthUnknown) => Samples(signal);
}
