using System;
using TokenLab.PowerShell.Output;

namespace TokenLab.PowerShell.Transcription
{
    /// <summary>What to do with one input, decided on the pipeline thread before any upload.</summary>
    internal sealed class InputDecision
    {
        private InputDecision(TokenLabTranscript? skipped, Exception? error, bool send, bool split, bool replacesOutdated = false)
        {
            Skipped = skipped;
            Error = error;
            Send = send;
            Split = split;
            ReplacesOutdated = replacesOutdated;
        }

        /// <summary>The transcript a previous run saved: output it, send nothing.</summary>
        public TokenLabTranscript? Skipped { get; }

        /// <summary>Why the input cannot be sent (the error record comes from it).</summary>
        public Exception? Error { get; }

        /// <summary>True when the input should be transcribed.</summary>
        public bool Send { get; }

        /// <summary>True when it goes in parts (-Split, over the limit).</summary>
        public bool Split { get; }

        /// <summary>True when -OutDirectory holds a transcript older than the recording, which the new one replaces.</summary>
        public bool ReplacesOutdated { get; }

        public static InputDecision SkipWith(TokenLabTranscript transcript) => new InputDecision(transcript, null, false, false);

        public static InputDecision Fail(Exception error) => new InputDecision(null, error, false, false);

        /// <summary>-WhatIf, or the user answered no.</summary>
        public static InputDecision Declined() => new InputDecision(null, null, false, false);

        public static InputDecision Transcribe(bool split, bool replacesOutdated) => new InputDecision(null, null, true, split, replacesOutdated);
    }
}
