namespace TokenLab.Emulator.Endpoints.Realtime;

/// <summary>A turn boundary found in the input audio, at a position in milliseconds of all audio appended in the session.</summary>
internal readonly record struct VoiceActivity(bool SpeechStarted, long AudioMs);

/// <summary>
/// Server VAD over the appended PCM16 (24 kHz mono): the energy of each 10 ms frame against a level set by
/// <see cref="TurnDetection.Threshold"/>. Speech starts at the first loud frame (reported
/// <see cref="TurnDetection.PrefixPaddingMs"/> earlier, as the audio the model gets begins there) and stops
/// once <see cref="TurnDetection.SilenceDurationMs"/> of quiet frames follow it (reported at the end of that
/// quiet, as the service does). Positions are audio time, not wall time, so a file appended at once
/// segments as it would when streamed. Only counters are kept, never the audio.
/// </summary>
internal sealed class VoiceActivityDetector
{
    private const int FrameMs = 10;
    private const int FrameBytes = FrameMs * ToneGenerator.BytesPerMillisecond;

    // Threshold 0 hears anything above -60 dBFS, 1 only above -10 dBFS; the default 0.5 is -35 dBFS.
    private const double QuietestDbfs = -60;
    private const double ThresholdRangeDb = 50;

    private readonly byte[] _partialFrame = new byte[FrameBytes];
    private int _partialLength;
    private long _streamBytes;
    private long _bufferStartMs;
    private bool _inSpeech;
    private long _lastSpeechEndMs;

    /// <summary>Milliseconds of audio appended in the session so far.</summary>
    public long StreamMs => _streamBytes / ToneGenerator.BytesPerMillisecond;

    /// <summary>Feeds appended audio; returns the speech starts and stops it contains, in order.</summary>
    public List<VoiceActivity> Append(ReadOnlySpan<byte> pcm, TurnDetection settings)
    {
        var found = new List<VoiceActivity>();
        var level = Math.Pow(10, (QuietestDbfs + (ThresholdRangeDb * settings.Threshold)) / 20) * short.MaxValue;
        while (!pcm.IsEmpty)
        {
            var take = Math.Min(pcm.Length, FrameBytes - _partialLength);
            pcm[..take].CopyTo(_partialFrame.AsSpan(_partialLength));
            pcm = pcm[take..];
            _partialLength += take;
            _streamBytes += take;
            if (_partialLength == FrameBytes)
            {
                _partialLength = 0;
                OnFrame(Rms(_partialFrame) > level, StreamMs, settings, found);
            }
        }

        return found;
    }

    /// <summary>The client committed or cleared the buffer: what follows starts a new turn.</summary>
    public void Restart()
    {
        _inSpeech = false;
        _bufferStartMs = StreamMs;
    }

    private void OnFrame(bool loud, long frameEndMs, TurnDetection settings, List<VoiceActivity> found)
    {
        if (loud)
        {
            if (!_inSpeech)
            {
                _inSpeech = true;
                found.Add(new VoiceActivity(true, Math.Max(_bufferStartMs, frameEndMs - FrameMs - settings.PrefixPaddingMs)));
            }

            _lastSpeechEndMs = frameEndMs;
        }
        else if (_inSpeech && frameEndMs - _lastSpeechEndMs >= settings.SilenceDurationMs)
        {
            _inSpeech = false;
            _bufferStartMs = frameEndMs;
            found.Add(new VoiceActivity(false, frameEndMs));
        }
    }

    private static double Rms(ReadOnlySpan<byte> frame)
    {
        double sum = 0;
        for (var i = 0; i + 1 < frame.Length; i += 2)
        {
            double sample = (short)(frame[i] | (frame[i + 1] << 8));
            sum += sample * sample;
        }

        return Math.Sqrt(sum / (frame.Length / 2));
    }
}
