using System;
using System.Collections.Generic;
using System.Globalization;
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
    /// Sends audio to a realtime session's input buffer: a 24 kHz mono 16-bit PCM WAV file, or raw PCM in
    /// that format, cut into input_audio_buffer.append events of half a second; -Commit ends the input.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "TokenLabRealtimeAudio", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(void))]
    public sealed class SendTokenLabRealtimeAudioCommand : TokenLabCmdlet
    {
        private const string PathSet = "Path";
        private const string BytesSet = "Bytes";

        /// <summary>The session (from Start-TokenLabRealtime or Get-TokenLabRealtime), or its session ID.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [RealtimeSessionTransformation]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(RealtimeSessionIdCompleter))]
        public TokenLabRealtimeSession? Session { get; set; }

        /// <summary>WAV files (24 kHz, mono, 16-bit PCM) or raw PCM files (.pcm, .raw) in that format.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>Audio bytes: a WAV file's bytes, or raw 24 kHz mono 16-bit PCM.</summary>
        [Parameter(Mandatory = true, ParameterSetName = BytesSet)]
        [ValidateNotNull]
        public byte[]? AudioBytes { get; set; }

        /// <summary>Commits the input buffer after each file (or the bytes): the audio becomes a user message.</summary>
        [Parameter]
        public SwitchParameter Commit { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (ParameterSetName == BytesSet)
            {
                Send("-AudioBytes", () => RunAsync((_, token) => RealtimeAudioInput.FromBytesAsync(AudioBytes!, token)));
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
                    Send(file, () => RunAsync((_, token) => RealtimeAudioInput.OpenFileAsync(file, token)));
                }
            }
        }

        private void Send(string target, Func<(RealtimeAudioInput? Input, string? Problem)> open)
        {
            (RealtimeAudioInput? audio, string? problem) = open();
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
                    int events = RunAsync((_, token) => session.SendAudioAsync(audio.Pcm, audio.Length, token));
                    WriteVerbose(string.Format(CultureInfo.InvariantCulture, "Sent {0} input_audio_buffer.append events ({1:0.0} s of audio) to realtime session {2}",
                        events, RealtimeAudio.Duration(audio.Length ?? 0).TotalSeconds, Session.SessionId));
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
