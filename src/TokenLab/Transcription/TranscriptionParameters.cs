using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TokenLab.Client.Transcription;
using TokenLab.PowerShell.Errors;
using TokenLab.PowerShell.Infrastructure;

namespace TokenLab.PowerShell.Transcription
{
    /// <summary>
    /// Turns ConvertFrom-TokenLabAudio's parameters into settings, refusing before anything is sent what
    /// cannot work: -Language or -TimestampGranularity with -Translate, a language no model knows, timings without verbose_json,
    /// subtitles from a format without timings, -OutFile with -OutDirectory.
    /// </summary>
    internal sealed class TranscriptionParameters
    {
        public string Model { get; set; } = TranscriptionRequest.DefaultModel;

        public bool Translate { get; set; }

        public string? Language { get; set; }

        public string? Prompt { get; set; }

        public double? Temperature { get; set; }

        public string[]? TimestampGranularity { get; set; }

        public string? ResponseFormat { get; set; }

        public string? OutFile { get; set; }

        public string? OutDirectory { get; set; }

        public string? As { get; set; }

        public bool Force { get; set; }

        public bool Split { get; set; }

        /// <summary>The settings, and where transcripts are saved (null: nowhere).</summary>
        /// <exception cref="TokenLabInputException">The parameters cannot work together; nothing is to be sent.</exception>
        public (TranscriptionSettings Settings, TranscriptOutputPlan? Output) Read(PSCmdlet cmdlet)
        {
            if (Translate && Language is not null)
            {
                throw new TokenLabInputException(ErrorIds.UnsupportedParameter, ErrorCategory.InvalidArgument,
                    "-Language cannot be used with -Translate: translation always produces English, and the API refuses a language for it.",
                    "Leave out -Language, or leave out -Translate to transcribe in the spoken language.");
            }

            if (Translate && TimestampGranularity is { Length: > 0 })
            {
                throw new TokenLabInputException(ErrorIds.UnsupportedParameter, ErrorCategory.InvalidArgument,
                    "-TimestampGranularity cannot be used with -Translate: the translation endpoint takes no timestamp_granularities and refuses them as an unknown field.",
                    "Leave out -TimestampGranularity (verbose_json translations still carry segment times), or leave out -Translate to transcribe with word times.");
            }

            string? code = null;
            if (Language is not null && !LanguageCodes.TryNormalize(Language, out code))
            {
                throw new TokenLabInputException(ErrorIds.LanguageNotRecognized, ErrorCategory.InvalidArgument,
                    "'" + Language + "' is not a language the transcription models know.",
                    "Give an ISO-639-1 code (en, de, ja), an English name (German) or a culture (de-DE); tab completion lists the codes.");
            }

            string? format = As is not null ? TranscriptFileFormat.Normalize(As)
                : OutFile is not null ? TranscriptFileFormat.FromFileName(OutFile)
                : OutDirectory is not null ? TranscriptFileFormat.Text
                : null;
            TranscriptFormat responseFormat = ResponseFormat is null ? TranscriptFormat.VerboseJson : TranscriptFormatNames.Parse(ResponseFormat);
            if (Conflict(format, responseFormat) is string conflict)
            {
                throw new TokenLabInputException(ErrorIds.ConflictingParameters, ErrorCategory.InvalidArgument, conflict, "Change the parameters as the message says.");
            }

            bool timingsNeeded = TimestampGranularity is { Length: > 0 } || (format is not null && TranscriptFileFormat.NeedsTimings(format));
            var settings = new TranscriptionSettings(Model, responseFormat, formatChosen: ResponseFormat is not null || timingsNeeded)
            {
                Translate = Translate,
                Language = code,
                Prompt = Prompt,
                Temperature = Temperature,
                TimestampGranularities = (TimestampGranularity ?? new string[0])
                    .Select(value => string.Equals(value, "word", StringComparison.OrdinalIgnoreCase) ? Client.Transcription.TimestampGranularity.Word : Client.Transcription.TimestampGranularity.Segment)
                    .Distinct()
                    .ToArray(),
                Split = Split,
            };
            TranscriptOutputPlan? output = format is null ? null : new TranscriptOutputPlan(OutFilePath(cmdlet), OutDirectoryPath(cmdlet), format, Force);
            return (settings, output);
        }

        /// <summary>-OutFile as a full path: a file in an existing folder.</summary>
        private string? OutFilePath(PSCmdlet cmdlet)
        {
            if (OutFile is null)
            {
                return null;
            }

            return FileSystemPaths.ResolveOutputFile(cmdlet, OutFile);
        }

        /// <summary>-OutDirectory as a full path: a folder, created when the first transcript is saved.</summary>
        private string? OutDirectoryPath(PSCmdlet cmdlet)
        {
            if (OutDirectory is null)
            {
                return null;
            }

            return FileSystemPaths.ResolveOutputFolder(cmdlet, OutDirectory);
        }

        private string? Conflict(string? format, TranscriptFormat responseFormat)
        {
            if (OutFile is not null && OutDirectory is not null)
            {
                return "-OutFile and -OutDirectory cannot be used together: -OutFile names one file for one input, -OutDirectory takes a file per input.";
            }

            if (As is not null && OutFile is null && OutDirectory is null)
            {
                return "-As says how to save the transcript, so it needs -OutFile or -OutDirectory.";
            }

            if (TimestampGranularity is { Length: > 0 } && responseFormat != TranscriptFormat.VerboseJson)
            {
                return "-TimestampGranularity needs -ResponseFormat verbose_json (the default); '" + responseFormat.ToWireName() + "' has no word or segment times.";
            }

            if (format is not null && TranscriptFileFormat.NeedsTimings(format) && !responseFormat.HasTimings())
            {
                return "-As " + format + " needs segment times, which -ResponseFormat " + responseFormat.ToWireName() + " does not return: use verbose_json, srt or vtt.";
            }

            return null;
        }
    }
}
