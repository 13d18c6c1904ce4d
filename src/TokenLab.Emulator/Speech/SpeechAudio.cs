namespace TokenLab.Emulator.Speech;

/// <summary>
/// The bytes of a speech response in one format, produced chunk by chunk (each chunk is valid until the next
/// is requested), so a response of any size is written with constant memory.
/// </summary>
internal abstract class SpeechAudio
{
    protected const int ChunkSize = 16 * 1024;

    public abstract string ContentType { get; }

    /// <summary>The length of the audio in samples at <see cref="SpeechSignal.SampleRate"/>, whatever the container.</summary>
    public long SignalSamples { get; private set; }

    /// <summary>The audio's chunks. <paramref name="lengthUnknown"/> makes a WAV header carry the streaming placeholders.</summary>
    public abstract IEnumerable<ReadOnlyMemory<byte>> Chunks(bool lengthUnknown);

    public static SpeechAudio Create(SpeechRequest request, double secondsPerCharacter)
    {
        var signal = new SpeechSignal(request.Input, secondsPerCharacter, request.Speed);
        SpeechAudio audio = request.ResponseFormat switch
        {
            "wav" => new WavSpeechAudio(signal, request.Input),
            "pcm" => new PcmSpeechAudio(signal),
            "mp3" => new Mp3SpeechAudio(signal, request.Input),
            "flac" => new FlacSpeechAudio(signal),
            "opus" => new OpusSpeechAudio(signal),
            var other => new OpaqueSpeechAudio(other, signal),
        };
        audio.SignalSamples = signal.TotalSamples;
        return audio;
    }

    /// <summary>The signal's samples in chunks.</summary>
    protected static IEnumerable<ReadOnlyMemory<byte>> Samples(SpeechSignal signal)
    {
        var buffer = new byte[ChunkSize];
        int filled;
        while ((filled = signal.Fill(buffer)) > 0)
        {
            yield return buffer.AsMemory(0, filled);
        }
    }
}
