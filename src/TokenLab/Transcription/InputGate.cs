using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using TokenLab.Client.IO;
using TokenLab.Client.Transcription;
using TokenLab.PowerShell.Errors;
using TokenLab.PowerShell.Infrastructure;
using TokenLab.PowerShell.Output;

namespace TokenLab.PowerShell.Transcription
{
    /// <summary>
    /// Decides, before any upload, what happens to each input: skipped because -OutDirectory already holds
    /// its transcript (rerun safety: no upload, no cost), refused (a second input for -OutFile, an existing
    /// -OutFile, audio the API would refuse), declined by -WhatIf or -Confirm, or sent.
    /// </summary>
    internal sealed class InputGate
    {
        private readonly TranscriptOutputPlan? output;
        private readonly Func<string, string, bool> shouldProcess;
        private readonly Action<string> warn;
        private readonly Action<string> verbose;
        private readonly Func<AudioInput, TranscriptionSettings, string?> costPreview;
        private readonly HashSet<string> claimedTargets = new HashSet<string>(FileSystemPaths.Comparer);
        private int inputs;

        /// <param name="output">Where transcripts are saved; null when they are not.</param>
        /// <param name="shouldProcess">The cmdlet's ShouldProcess(target, action).</param>
        /// <param name="warn">The cmdlet's WriteWarning.</param>
        /// <param name="verbose">The cmdlet's WriteVerbose.</param>
        /// <param name="costPreview">What sending an input would be billed, for -WhatIf and -Confirm; null otherwise.</param>
        public InputGate(TranscriptOutputPlan? output, Func<string, string, bool> shouldProcess, Action<string> warn, Action<string> verbose, Func<AudioInput, TranscriptionSettings, string?> costPreview)
        {
            this.output = output;
            this.shouldProcess = shouldProcess;
            this.warn = warn;
            this.verbose = verbose;
            this.costPreview = costPreview;
        }

        public InputDecision Decide(AudioInput input, TranscriptionSettings settings)
        {
            inputs++;
            string? target = output?.TargetFor(input);
            if (output is { SavesToOneFile: true } && inputs > 1)
            {
                return InputDecision.Fail(new TokenLabInputException(ErrorIds.OutFileReused, ErrorCategory.ResourceExists,
                    "-OutFile names one file, but more than one audio input came: '" + input.Source + "' was not sent.",
                    "Use -OutDirectory to save a transcript per input."));
            }

            if (output is { SavesToOneFile: false } && target is not null && !claimedTargets.Add(target))
            {
                // Two recordings of the same name from different folders: the second would overwrite, or on a
                // rerun be mistaken for, the first one's transcript.
                return InputDecision.Fail(new TokenLabInputException(ErrorIds.OutFileReused, ErrorCategory.ResourceExists,
                    "'" + input.Source + "' would be saved as " + target + ", as another input of this command is: it was not sent.",
                    "Give inputs from different folders their own -OutDirectory (Group-Object DirectoryName, as the README gallery shows)."));
            }

            bool replacesOutdated = false;
            if (output is not null && target is not null && output.SkipsExisting && File.Exists(target))
            {
                if (!IsOutdated(input, target))
                {
                    return InputDecision.SkipWith(Skipped(input, target, settings));
                }

                verbose("The saved transcript " + target + " is older than " + input.Source + ", which changed since: transcribing it again.");
                replacesOutdated = true;
            }

            if (output is { Force: false } && target is not null && File.Exists(target) && !replacesOutdated)
            {
                return InputDecision.Fail(new OutputFileExistsException(target));
            }

            try
            {
                bool split = AudioInputCheck.NeedsSplit(input, settings.Split);
                return shouldProcess(input.Source, Action(input, target, settings)) ? InputDecision.Transcribe(split, replacesOutdated) : InputDecision.Declined();
            }
            catch (TokenLabInputException ex)
            {
                return InputDecision.Fail(ex);
            }
        }

        private string Action(AudioInput input, string? target, TranscriptionSettings settings) =>
            (settings.Translate ? "Translate to English with " : "Transcribe with ") + settings.Model
            + " (upload of " + ByteSizeText.Format(input.Upload.Length) + ")"
            + (target is null ? string.Empty : " and save to " + target)
            + (costPreview(input, settings) is string cost ? "; " + cost : string.Empty);

        /// <summary>
        /// True when the recording was written after its saved transcript (a new take under the same name). A stream or
        /// byte array has no time to compare: its saved transcript is taken as it is.
        /// </summary>
        private static bool IsOutdated(AudioInput input, string target) =>
            input.OriginalFile is string recording && File.GetLastWriteTimeUtc(recording) >= File.GetLastWriteTimeUtc(target);

        private TokenLabTranscript Skipped(AudioInput input, string target, TranscriptionSettings settings)
        {
            Transcript transcript;
            try
            {
                transcript = output!.ReadExisting(target);
            }
            catch (InvalidDataException ex)
            {
                warn("The saved transcript " + target + " could not be read (" + ex.Message + "); use -Force to transcribe " + input.Source + " again.");
                transcript = new Transcript(string.Empty);
            }

            var origin = new TranscriptionOrigin(input.Source, settings.Model, settings.TaskName) { Skipped = true, OutFile = new FileInfo(target) };
            return new TokenLabTranscript(transcript, origin);
        }
    }
}
