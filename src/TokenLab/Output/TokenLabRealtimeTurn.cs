using System;
using System.IO;
using TokenLab.Client.Realtime;

namespace TokenLab.PowerShell.Output
{
    /// <summary>The result of one turn of Start-TokenLabRealtime -Text or -InputFile: the reply and what it cost.</summary>
    public sealed class TokenLabRealtimeTurn : ISavedFile
    {
        internal TokenLabRealtimeTurn(
            string input, string? transcript, string? text, string? audioPath, TimeSpan duration,
            RealtimeUsage usage, string? responseId, string? sessionId, string? requestId, string model, TimeSpan elapsed)
        {
            Input = input;
            Transcript = transcript;
            Text = text;
            AudioPath = audioPath;
            Duration = duration;
            Usage = usage;
            ResponseId = responseId;
            SessionId = sessionId;
            RequestId = requestId;
            Model = model;
            Elapsed = elapsed;
        }

        /// <summary>The text sent, or the full path of the audio file sent.</summary>
        public string Input { get; }

        /// <summary>The transcript of the spoken reply (audio output).</summary>
        public string? Transcript { get; }

        /// <summary>The text of the reply (text output).</summary>
        public string? Text { get; }

        /// <summary>The WAV file (24 kHz mono 16-bit PCM) the reply audio was saved to; empty without -OutFile or audio.</summary>
        public string? AudioPath { get; }

        /// <summary>The playing time of the reply audio.</summary>
        public TimeSpan Duration { get; }

        /// <summary>The usage of this turn's response.</summary>
        public RealtimeUsage Usage { get; }

        /// <summary>The response ID.</summary>
        public string? ResponseId { get; }

        /// <summary>The session the turn ran in.</summary>
        public string? SessionId { get; }

        /// <summary>The request ID of the session's WebSocket upgrade, to quote to TokenLab support.</summary>
        public string? RequestId { get; }

        /// <summary>The model.</summary>
        public string Model { get; }

        /// <summary>From sending the input to response.done.</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>
        /// What the turn probably cost: the catalog's token prices applied to the usage of its response; null when the
        /// catalog could not be read. An estimate: TokenLab settles a session when it closes.
        /// </summary>
        public EstimatedCost? EstimatedCost { get; internal set; }

        FileInfo? ISavedFile.SavedFile => AudioPath is null ? null : new FileInfo(AudioPath);

        /// <inheritdoc />
        public override string ToString() => Transcript ?? Text ?? string.Empty;
    }
}
