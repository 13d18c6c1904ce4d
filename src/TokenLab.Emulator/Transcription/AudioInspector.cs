using System.Buffers.Binary;
using System.Security.Cryptography;
using TokenLab.Client.Audio;

namespace TokenLab.Emulator.Transcription;

/// <summary>
/// Measures uploaded audio: WAV from its header, MP3 from its frames, Ogg, WebM, MP4/M4A and FLAC from the
/// duration their container declares (<see cref="ContainerDuration"/>); only audio whose container does not
/// say is taken to run at 128 kbit/s. Audio the speech route made also gives back its text. A WAV or MP3 that
/// cannot be read is refused, as the service refuses audio it cannot decode.
/// </summary>
internal static class AudioInspector
{
    private const double AssumedBytesPerSecond = 16_000;

    /// <summary>The facts, or null when the audio is not what its extension says.</summary>
    public static async Task<AudioFacts?> InspectAsync(UploadedAudio audio, CancellationToken cancellationToken)
    {
        var content = audio.OpenContent() ?? throw new InvalidOperationException("Oversized uploads are refused before inspection.");
        var hash = await HashAsync(content, cancellationToken);
        content.Position = 0;
        var spokenText = await SpokenTextReader.ReadAsync(content, audio.FileName, cancellationToken);
        content.Position = 0;
        double? duration = Path.GetExtension(audio.FileName).ToLowerInvariant() switch
        {
            ".wav" => await WavSecondsAsync(content, cancellationToken),
            ".mp3" or ".mpga" or ".mpeg" => (await Mp3Frames.DurationAsync(content, cancellationToken)).TotalSeconds is > 0 and var seconds ? seconds : null,
            var other => await ContainerDuration.ReadAsync(content, other, cancellationToken) ?? audio.Length / AssumedBytesPerSecond,
        };
        return duration is double value ? new AudioFacts(value, hash, spokenText) : null;
    }

    private static async Task<double?> WavSecondsAsync(Stream content, CancellationToken cancellationToken)
    {
        try
        {
            var header = await WavFormat.ReadHeaderAsync(content, cancellationToken);
            var available = content.Length - header.DataOffset;
            return header.DurationOf(Math.Min(header.DataLength ?? available, available)).TotalSeconds;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static async Task<ulong> HashAsync(Stream content, CancellationToken cancellationToken)
    {
        var digest = await SHA256.HashDataAsync(content, cancellationToken);
        return BinaryPrimitives.ReadUInt64LittleEndian(digest);
    }
}
