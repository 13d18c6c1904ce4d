using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using TokenLab.Client;
using TokenLab.Client.Realtime;
using TokenLab.PowerShell.Completers;
using TokenLab.PowerShell.Errors;
using TokenLab.PowerShell.Infrastructure;
using TokenLab.PowerShell.Output;
using TokenLab.PowerShell.Realtime;

namespace TokenLab.PowerShell.Commands
{
    /// <summary>
    /// Sends audio to a realtime session's input buffer: a WAV, MP3 or Ogg Vorbis recording, or raw PCM, converted
    /// to 24 kHz mono 16-bit PCM as it is read and cut into input_audio_buffer.append events of half a second;
    /// -Commit ends the input.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "TokenLabRealtimeAudio", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(void))]
    public sealed class SendTokenLabRealtimeAudioCommand : TokenLabCmdlet
    {
        private const string PathSet = "Path";
        private const string BytesSet = "Bytes";
        private const string StreamSet = "Stream";

        /// <summary>The session (from Start-TokenLabRealtime or Get-TokenLabRealtime), or its session ID.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [RealtimeSessionTransformation]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(RealtimeSessionIdCompleter))]
        public TokenLabRealtimeSession? Session { get; set; }

        /// <summary>Recordings: WAV (PCM or float, any rate and channels), MP3, Ogg Vorbis, or raw 16-bit PCM files (.pcm, .raw).</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>Audio bytes: a recording's bytes (WAV, MP3, Ogg Vorbis), or raw 16-bit PCM.</summary>
        [Parameter(Mandatory = true, ParameterSetName = BytesSet)]
        [ValidateNotNull]
        public byte[]? AudioBytes { get; set; }

        /// <summary>Audio in a stream, read to its end as it arrives (not closed): a recording, or raw 16-bit PCM.</summary>
        [Parameter(Mandatory = true, ParameterSetName = StreamSet)]
        [ValidateNotNull]
        public Stream? InputStream { get; set; }

        /// <summary>The sample rate of raw PCM (.pcm and .raw files, -AudioBytes and -InputStream without a header).</summary>
        [Parameter]
        [ValidateRange(1000, 384000)]
        public int SampleRate { get; set; } = RealtimeAudio.SampleRate;

        /// <summary>The channels of raw PCM, interleaved; they are mixed to mono.</summary>
        [Parameter]
        [ValidateRange(1, 32)]
        public int Channels { get; set; } = RealtimeAudio.Channels;

        /// <summary>Commits the input buffer after each file (or the bytes): the audio becomes a user message.</summary>
        [Parameter]
        public SwitchParameter Commit { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var raw = new RawPcmFormat(SampleRate, Channels);
            if (ParameterSetName == BytesSet)
            {
                Send("-AudioBytes", () => RunAsync((_, token) => RealtimeAudioInput.OpenStreamAsync(new MemoryStream(AudioBytes!, writable: false), "-AudioBytes", raw, leaveOpen: false, token)));
                return;
            }

            if (ParameterSetName == StreamSet)
            {
                Send("-InputStream", () => RunAsync((_, token) => RealtimeAudioInput.OpenStreamAsync(InputStream!, "-InputStream", raw, leaveOpen: true, token)));
                return;
            }

            foreach (string path in Path!)
            {
                (IReadOnlyList<string> files, ErrorRecord? missing) = AudioInputFiles.Resolve(this, path);
                if (missing != null)
                {
                    WriteError(missing);
                }

                foreach (string file in files)
                {
                    Send(file, () => RunAsync((_, token) => RealtimeAudioInput.OpenFileAsync(file, raw, token)));
                }
            }
        }

        private void Send(string target, Func<(RealtimeInputAudio? Input, string? Problem)> open)
        {
            (RealtimeInputAudio? audio, string? problem) = open();
            if (audio is null)
            {
                WriteError(RealtimeErrorRecords.UnsupportedAudio(problem!, target));
                return;
            }

            using (audio)
            {
                try
                {
                    RealtimeSession session = Session!.Session;
                    WriteVerbose("Sending " + audio.Format + (audio.IsConverted ? " as " + RealtimeAudio.FormatDescription : string.Empty));
                    int events = RunAsync((_, token) => session.SendAudioAsync(audio.Pcm, null, token));
                    WriteVerbose(string.Format(CultureInfo.InvariantCulture, "Sent {0} input_audio_buffer.append events ({1:0.0} s of audio) to realtime session {2}",
                        events, audio.Duration.TotalSeconds, Session.SessionId));
                    if (Commit.IsPresent)
                    {
                        string type = RunAsync((_, token) => session.SendAsync("{\"type\":\"input_audio_buffer.commit\"}", token));
                        WriteVerbose("Sent " + type + " to realtime session " + Session.SessionId);
                    }
                }
                catch (TokenLabException ex)
                {
                    WriteTokenLabError(ex, target);
                }
            }
        }
    }
}
