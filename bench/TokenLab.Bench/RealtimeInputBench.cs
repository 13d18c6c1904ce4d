using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using TokenLab.Client.Audio;

namespace TokenLab.Bench;

/// <summary>
/// The live heap while Send-TokenLabRealtimeAudio converts and sends a recording of 30 minutes to a realtime
/// session: a 44.1 kHz stereo 16-bit WAV (317 MB, resampled and mixed to 24 kHz mono as it is read) and an MP3
/// of the same length (the committed two-second tone repeated, decoded by NLayer). The emulator runs in its own
/// process, so the heap is the module's alone. Target: growth under 4 MB, whatever the length.
/// </summary>
internal sealed class RealtimeInputBench : IDisposable
{
    private const int Minutes = 30;
    private const int SampleRate = 44100;
    private const int Channels = 2;
    private const int TimeoutSec = 1800;

    private readonly RepoLayout _repo;
    private readonly ModuleRunspace _shell;
    private readonly string _folder;

    public RealtimeInputBench(RepoLayout repo, ModuleRunspace shell)
    {
        _repo = repo;
        _shell = shell;
        _folder = Directory.CreateTempSubdirectory("tokenlab-realtime-input-bench-").FullName;
    }

    public RealtimeInputResult Measure()
    {
        using EmulatorProcess emulator = EmulatorProcess.Start(_repo);
        string wav = WriteWav(Path.Combine(_folder, "meeting.wav"));
        string mp3 = WriteMp3(Path.Combine(_folder, "meeting.mp3"));
        Send(emulator, WriteWav(Path.Combine(_folder, "warm-up.wav"), seconds: 1));

        return new RealtimeInputResult(Minutes, [Measure(emulator, "WAV, 44.1 kHz, stereo, 16-bit PCM", wav), Measure(emulator, "MP3, 44.1 kHz, stereo, 64 kbit/s", mp3)]);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private RealtimeInputRow Measure(EmulatorProcess emulator, string input, string path)
    {
        string sent = string.Empty;
        var clock = Stopwatch.StartNew();
        long growth = LiveHeapSampler.PeakGrowthWhile(() => sent = Send(emulator, path));
        return new RealtimeInputRow(input, new FileInfo(path).Length, growth, clock.Elapsed, sent);
    }

    /// <summary>Opens a session, sends the file and commits it, and closes the session, as a script would; returns the cmdlet's verbose line on what it sent.</summary>
    private string Send(EmulatorProcess emulator, string path)
    {
        string script =
            "$session = Start-TokenLabRealtime -Model gpt-realtime -SkipModelCheck -BaseUri '" + emulator.BaseUri.AbsoluteUri + "' -ApiKey '" + EmulatorProcess.ApiKey + "' -TimeoutSec " + TimeoutSec + " -ErrorAction Stop\n"
            + "try { Send-TokenLabRealtimeAudio -Session $session -Path '" + path + "' -Commit -ErrorAction Stop -Verbose 4>&1 | ForEach-Object { $_.Message } | Where-Object { $_ -like 'Sent *.append events*' } }\n"
            + "finally { $null = Stop-TokenLabRealtime -Session $session }";
        return _shell.InvokeScript(script);
    }

    /// <summary>A 440 Hz tone, written a second at a time.</summary>
    private static string WriteWav(string path, int seconds = Minutes * 60)
    {
        int blockAlign = Channels * 2;
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        file.Write(WavFormat.CreatePcm16Header(SampleRate, Channels, (long)seconds * SampleRate * blockAlign));
        var second = new byte[SampleRate * blockAlign];
        for (int i = 0; i < SampleRate; i++)
        {
            short sample = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / SampleRate));
            for (int channel = 0; channel < Channels; channel++)
            {
                BitConverter.TryWriteBytes(second.AsSpan((i * blockAlign) + (channel * 2)), sample);
            }
        }

        for (int s = 0; s < seconds; s++)
        {
            file.Write(second);
        }

        return path;
    }

    /// <summary>
    /// The committed two-second MP3 tone repeated to 30 minutes: its audio frames, without the Info frame that
    /// counts them (a decoder stops where it says), follow each other as in one long MP3 stream.
    /// </summary>
    private string WriteMp3(string path)
    {
        byte[] tone = File.ReadAllBytes(Path.Combine(_repo.Root, "tests", "TokenLab.Client.Tests", "Audio", "Recordings", "tone-1000hz-44k1-stereo.mp3"));
        if (!Mp3FrameHeader.TryParse(tone, 0, out Mp3FrameHeader? info) || Encoding.ASCII.GetString(tone, Mp3FrameHeader.Length + 32, 4) != "Info")
        {
            throw new InvalidDataException("The committed MP3 tone no longer starts with a LAME Info frame.");
        }

        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        for (int i = 0; i < Minutes * 60 / 2; i++)
        {
            file.Write(tone.AsSpan(info!.FrameLength));
        }

        return path;
    }
}

/// <summary>One recording: its size, the peak live heap growth while it was sent, the time, and what the cmdlet says it sent.</summary>
internal sealed record RealtimeInputRow(string Input, long Bytes, long Growth, TimeSpan Time, string Sent);

/// <summary>What <see cref="RealtimeInputBench"/> measured.</summary>
internal sealed record RealtimeInputResult(int Minutes, RealtimeInputRow[] Rows)
{
    public void Print(TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("## Realtime input conversion (Send-TokenLabRealtimeAudio, " + Minutes + "-minute recordings to 24 kHz mono)");
        output.WriteLine();
        output.WriteLine("| input | size | live heap growth | time | realtime factor | sent (the cmdlet's verbose line) |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | --- |");
        foreach (RealtimeInputRow row in Rows)
        {
            output.WriteLine(FormattableString.Invariant(
                $"| {row.Input} | {row.Bytes / 1e6:0.0} MB | {row.Growth / (1024.0 * 1024.0):0.00} MiB | {row.Time.TotalSeconds:0.0} s | {Minutes * 60 / row.Time.TotalSeconds:0}x | {row.Sent} |"));
        }

        output.WriteLine();
        output.WriteLine("Target: live heap growth under 4 MB for both.");
    }
}
