using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using TokenLab.Client;
using TokenLab.Client.Audio;
using TokenLab.Client.Speech;
using TokenLab.PowerShell.Completers;
using TokenLab.PowerShell.Context;
using TokenLab.PowerShell.Errors;
using TokenLab.PowerShell.Infrastructure;
using TokenLab.PowerShell.Output;
using TokenLab.PowerShell.Pricing;
using TokenLab.PowerShell.Transcription;

namespace TokenLab.PowerShell.Commands
{
    /// <summary>
    /// Transcribes audio (POST /v1/audio/transcriptions), or translates it to English (-Translate), into one
    /// typed transcript per input, whatever the response format. Files come by path or from Get-ChildItem;
    /// streams and byte arrays with -FileName. Checks the format and the 25 MB limit before uploading, cuts
    /// WAV and MP3 audio over it into parts with -Split, shows upload and processing progress, follows
    /// asynchronous tasks, and saves transcripts or subtitles with -OutFile or -OutDirectory (a rerun skips
    /// what is already saved).
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "TokenLabAudio", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
    [OutputType(typeof(TokenLabTranscript))]
    public sealed class ConvertFromTokenLabAudioCommand : TokenLabApiCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string StreamSet = "InputStream";
        private const string BytesSet = "AudioBytes";

        private ParallelItemRunner<TokenLabTranscript>? _runner;
        private TranscriptionSettings? _settings;
        private TranscriptOutputPlan? _output;
        private InputGate? _gate;
        private OverallProgress? _overall;
        private bool _pipedModelApplies;
        private bool _tagItems;
        private long _inputNumber;
        private string? _commandLineModel;

        /// <summary>Audio files; wildcards are expanded. Strings from the pipeline bind here, and a Path property (a CSV column), as with Get-Item.</summary>
        [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>Audio files, taken as written (no wildcards). Get-ChildItem output binds here by its PSPath.</summary>
        [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "FullName", "LP")]
        [ValidateNotNullOrEmpty]
        public string[]? LiteralPath { get; set; }

        /// <summary>Audio in a stream (read to its end from its current position; not closed).</summary>
        [Parameter(ParameterSetName = StreamSet, Mandatory = true)]
        [ValidateNotNull]
        public Stream? InputStream { get; set; }

        /// <summary>Audio in memory.</summary>
        [Parameter(ParameterSetName = BytesSet, Mandatory = true)]
        [ValidateNotNull]
        public byte[]? AudioBytes { get; set; }

        /// <summary>The file name to send with -InputStream or -AudioBytes; its extension tells the API the format.</summary>
        [Parameter(ParameterSetName = StreamSet, Mandatory = true)]
        [Parameter(ParameterSetName = BytesSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string? FileName { get; set; }

        /// <summary>Translates to English (POST /v1/audio/translations) instead of transcribing.</summary>
        [Parameter]
        public SwitchParameter Translate { get; set; }

        /// <summary>
        /// The model. When the audio is given on the command line, a model object from Get-TokenLabModel
        /// piped in supplies it (by its Model alias property, from the type data; never a bare Id, which in a CSV names
        /// the row); a piped object that is itself the audio (a file, a New-TokenLabSpeech
        /// result) never does, since its Model names the model that made it.
        /// </summary>
        // Taken from the pipeline only in the path sets: were the stream and byte sets to take it too, PowerShell
        // would bind pipeline objects to -Path as strings before trying their PSPath or FullName for -LiteralPath.
        [Parameter(ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = StreamSet)]
        [Parameter(ParameterSetName = BytesSet)]
        [ArgumentCompleter(typeof(TranscriptionModelCompleter))]
        [ValidateNotNullOrEmpty]
        public string Model { get; set; } = global::TokenLab.Client.Transcription.TranscriptionRequest.DefaultModel;

        /// <summary>The spoken language: an ISO-639-1 code (de), an English name (German) or a culture (de-DE).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(LanguageCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Language { get; set; }

        /// <summary>Text that guides the model: spellings of names, style, or the previous part of a conversation.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Prompt { get; set; }

        /// <summary>Sampling temperature, 0 to 1.</summary>
        [Parameter]
        [ValidateRange(0.0, 1.0)]
        public double Temperature { get; set; }

        /// <summary>Asks for word and/or segment times (needs verbose_json, the default).</summary>
        [Parameter]
        [ValidateSet("word", "segment")]
        public string[]? TimestampGranularity { get; set; }

        /// <summary>The format to ask the API for; every format becomes the same transcript object. Default: verbose_json.</summary>
        [Parameter]
        [ValidateSet("json", "text", "srt", "vtt", "verbose_json")]
        public string? ResponseFormat { get; set; }

        /// <summary>Also saves the transcript to this file (one input), in the -As format.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        /// <summary>Also saves each input's transcript into this folder, named after the input; inputs already saved there are skipped.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutDirectory { get; set; }

        /// <summary>The saved format: Text, Srt, Vtt or Json. Default: from the -OutFile extension, else Text.</summary>
        [Parameter]
        [ValidateSet("Text", "Srt", "Vtt", "Json")]
        public string? As { get; set; }

        /// <summary>Replaces existing transcript files, and transcribes inputs again that -OutDirectory already holds.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Sends WAV and MP3 audio over 25 MB in parts (cut near silence) and joins the transcripts.</summary>
        [Parameter]
        public SwitchParameter Split { get; set; }

        /// <summary>The delivery tier: auto, verified or official. Default: the Connect-TokenLab setting, else the account's.</summary>
        [Parameter]
        [ValidateSet("auto", "verified", "official")]
        public string? DeliveryPolicy { get; set; }

        /// <summary>How many inputs are transcribed at the same time.</summary>
        [Parameter]
        [ValidateRange(1, TokenLabDefaults.MaxParallelRequests)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Writes the transcripts in input order instead of as they finish.</summary>
        [Parameter]
        public SwitchParameter Ordered { get; set; }

        internal override TimeSpan DefaultTimeout => TokenLabDefaults.AudioTimeout;

        internal override bool RequiresApiKey => true;

        private ParallelItemRunner<TokenLabTranscript> Runner => _runner ?? throw new InvalidOperationException("BeginProcessing has not run.");

        internal override string? DeliveryPolicyFor(TokenLabContext? context) => DeliveryPolicy ?? context?.DeliveryPolicy;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            var parameters = new TranscriptionParameters
            {
                Model = Model,
                Translate = Translate.IsPresent,
                Language = Language,
                Prompt = Prompt,
                Temperature = IsBound(nameof(Temperature)) ? Temperature : (double?)null,
                TimestampGranularity = TimestampGranularity,
                ResponseFormat = ResponseFormat,
                OutFile = OutFile,
                OutDirectory = OutDirectory,
                As = As,
                Force = Force.IsPresent,
                Split = Split.IsPresent,
            };
            try
            {
                (_settings, _output) = parameters.Read(this);
            }
            catch (TokenLabInputException ex)
            {
                ThrowTokenLabError(ex, null);
            }

            base.BeginProcessing();
            _pipedModelApplies = IsBound(nameof(Path)) || IsBound(nameof(LiteralPath)) || IsBound(nameof(InputStream)) || IsBound(nameof(AudioBytes));
            _commandLineModel = Model;
            _tagItems = MyInvocation.ExpectingInput || (Path?.Length ?? 0) + (LiteralPath?.Length ?? 0) > 1
                || (Path?.Any(WildcardPattern.ContainsWildcardCharacters) ?? false);
            _gate = new InputGate(_output, ShouldProcess, WriteWarning, WriteVerbose, TranscriptionCost);
            _overall = new OverallProgress(WriteProgress, Translate.IsPresent ? "Translating audio" : "Transcribing audio");
            _runner = CreateItemRunner<TokenLabTranscript>(ThrottleLimit, Ordered.IsPresent, WriteObject, _overall.Show);
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            foreach ((AudioInput? input, TokenLabInputException? error, object target) in Inputs())
            {
                _inputNumber++;
                if (input is null)
                {
                    Runner.AddError(error!, target);
                }
                else
                {
                    Process(input);
                }
            }
        }

        /// <summary>What sending one input would be billed (-WhatIf, -Confirm), with the audio's length where its format tells it.</summary>
        private string? TranscriptionCost(AudioInput input, TranscriptionSettings settings) =>
            CostPreviewFor(settings.Model, () => new BillableUsage(1, audio: AudioLength(input)));

        private static TimeSpan? AudioLength(AudioInput input)
        {
            if (input.FilePath is null || SpeechFormat.FromExtension(System.IO.Path.GetExtension(input.FileName)) is not string format)
            {
                return null;
            }

            try
            {
                using (var file = new FileStream(input.FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
                {
                    return AudioDuration.TryReadAsync(file, format, CancellationToken.None).GetAwaiter().GetResult();
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            try
            {
                Runner.WaitForAll();
            }
            finally
            {
                _overall!.Complete();
            }
        }

        private void Process(AudioInput input)
        {
            _overall!.Received();

            // Several inputs run in parallel: their verbose lines say which input they belong to.
            string? tag = _tagItems ? ItemTag.For(_inputNumber, input.FileName) : null;
            string model = _pipedModelApplies ? Model : _commandLineModel!;
            try
            {
                TokenLabInputException.ThrowIfBlankModel(model);
            }
            catch (TokenLabInputException ex)
            {
                input.Dispose();
                _overall.Finished();
                Runner.AddError(ex, input.Target);
                return;
            }

            TranscriptionSettings settings = _settings!.ForModel(model);
            InputDecision decision = _gate!.Decide(input, settings);
            if (!decision.Send)
            {
                input.Dispose();
                _overall.Finished();
                if (decision.Skipped is not null)
                {
                    WriteVerbose(ItemTag.Prefix(tag, "Skipped " + input.Source + ": its transcript is already in " + decision.Skipped.OutFile!.FullName + " (-Force transcribes it again)."));
                    Runner.Add(decision.Skipped);
                }
                else if (decision.Error is not null)
                {
                    Runner.AddError(decision.Error, input.Target);
                }

                return;
            }

            var job = new AudioTranscriptionJob(Client, settings, _output, LookUpModelDetails(settings.Model));
            int activityId = _overall.NextItemActivityId();
            int parentId = _overall.ParentActivityId;
            string activity = (Translate.IsPresent ? "Translating " : "Transcribing ") + input.FileName;
            bool split = decision.Split;
            bool replaceOutdated = decision.ReplacesOutdated;
            Runner.Run(input.Target, tag, async (queue, token) =>
            {
                try
                {
                    using (var view = new TranscriptionProgressView(record => queue.Post(() => WriteProgress(record)), activityId, parentId, activity))
                    {
                        return await job.RunAsync(input, split, replaceOutdated, view, queue, token).ConfigureAwait(false);
                    }
                }
                finally
                {
                    input.Dispose();
                    _overall.Finished();
                }
            });
        }

        /// <summary>The inputs of this record, each resolved or with the reason it cannot be.</summary>
        private IEnumerable<(AudioInput? Input, TokenLabInputException? Error, object Target)> Inputs()
        {
            switch (ParameterSetName)
            {
                case StreamSet when !InputStream!.CanRead:
                    yield return (null, new TokenLabInputException(ErrorIds.AudioFileUnreadable, ErrorCategory.ReadError,
                        "-InputStream cannot be read: it is closed, or open only for writing.",
                        "Pass a stream open for reading, for example [System.IO.File]::OpenRead($path), or the file itself with -Path."), FileName!);
                    break;
                case StreamSet:
                    yield return (AudioInput.FromStream(InputStream!, FileName!), null, FileName!);
                    break;
                case BytesSet:
                    yield return (AudioInput.FromBytes(AudioBytes!, FileName!), null, FileName!);
                    break;
                default:
                    bool literal = ParameterSetName == LiteralPathSet;
                    foreach (string path in (literal ? LiteralPath : Path) ?? Array.Empty<string>())
                    {
                        foreach ((string? resolved, TokenLabInputException? error) in AudioPathResolver.Resolve(this, path, literal))
                        {
                            yield return (resolved is null ? null : AudioInput.FromFile(resolved), error, resolved ?? path);
                        }
                    }

                    break;
            }
        }
    }
}
