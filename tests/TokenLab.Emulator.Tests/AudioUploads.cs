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

    /// <summary>A WAV like the speech route's: a LIST/INFO chunk with <paramref name="text"/> as ICMT before the samples.</summary>
    public static byte[] WavWithComment(string text, double seconds)
    {
        var plain = Wav(seconds);
        var comment = System.Text.Encoding.UTF8.GetBytes(text + "\0");
        var item = new List<byte>();
        item.AddRange("ICMT"u8.ToArray());
        item.AddRange(BitConverter.GetBytes(comment.Length));
        item.AddRange(comment);
        if (comment.Length % 2 == 1)
        {
            item.Add(0);
        }

        var list = new List<byte>();
        list.AddRange("LIST"u8.ToArray());
        list.AddRange(BitConverter.GetBytes(4 + item.Count));
        list.AddRange("INFO"u8.ToArray());
        list.AddRange(item);

        // The canonical header is 36 bytes of RIFF and fmt, then the data chunk: the list goes between.
        return [.. plain[..36], .. list, .. plain[36..]];
    }

    /// <summary>An MP3 like the speech route's: an ID3v2.4 tag whose TXXX frame ("TokenLab input", UTF-8) holds <paramref name="text"/>.</summary>
    public static byte[] Mp3WithTag(string text, int frames)
    {
        var content = new List<byte> { 3 };
        content.AddRange("TokenLab input\0"u8.ToArray());
        content.AddRange(System.Text.Encoding.UTF8.GetBytes(text));
        var frame = new List<byte>();
        frame.AddRange("TXXX"u8.ToArray());
        frame.AddRange(SyncSafe(content.Count));
        frame.AddRange(new byte[2]);
        frame.AddRange(content);
        var tag = new List<byte>();
        tag.AddRange("ID3"u8.ToArray());
        tag.AddRange(new byte[] { 4, 0, 0 });
        tag.AddRange(SyncSafe(frame.Count));
        tag.AddRange(frame);
        return [.. tag, .. Mp3(frames)];
    }

    private static byte[] SyncSafe(int value) =>
        [(byte)((value >> 21) & 0x7F), (byte)((value >> 14) & 0x7F), (byte)((value >> 7) & 0x7F), (byte)(value & 0x7F)];

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
