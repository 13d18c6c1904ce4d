using System.Net.Http.Headers;
using TokenLab.Client.Audio;

namespace TokenLab.Emulator.Tests;

/// <summary>Builds audio files and multipart uploads for the transcription routes.</summary>
internal static class AudioUploads
{
    public const string Key = EmulatorOptions.DefaultApiKey;

    /// <summary>A 16 kHz mono 16-bit WAV of <paramref name="seconds"/> seconds of a quiet tone.</summary>
    public static byte[] Wav(double seconds, int sampleRate = 16000)
    {
        var samples = (int)(seconds * sampleRate);
        var data = new byte[samples * 2];
        for (var i = 0; i < samples; i++)
        {
            BitConverter.TryWriteBytes(data.AsSpan(i * 2), (short)(1000 * Math.Sin(i / 8.0)));
        }

        return [.. WavFormat.CreatePcm16Header(sampleRate, 1, data.Length), .. data];
    }

    /// <summary>MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz): 1152 samples, 26.1 ms each.</summary>
    public static byte[] Mp3(int frames)
    {
        var frame = new byte[417];
        frame[0] = 0xFF;
        frame[1] = 0xFB;
        frame[2] = 0x90;
        return Enumerable.Range(0, frames).SelectMany(_ => frame).ToArray();
    }

    /// <summary>An upload with <paramref name="audio"/> as <paramref name="fileName"/> and the given text parts (repeat a name to repeat the part).</summary>
    public static MultipartFormDataContent Form(byte[]? audio, string fileName, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        if (audio is not null)
        {
            var file = new ByteArrayContent(audio);
            file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
            form.Add(file, "file", fileName);
        }

        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string route, HttpContent content, string? key = Key, string? fault = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = content };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (fault is not null)
        {
            request.Headers.Add("X-TokenLab-Emulator-Fault", fault);
        }

        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> GetAsync(HttpClient client, string route, string? key = Key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, route);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await client.SendAsync(request);
    }
}
