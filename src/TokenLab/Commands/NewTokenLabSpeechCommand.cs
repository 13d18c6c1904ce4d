using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TokenLab.Client;
using TokenLab.Client.IO;
using TokenLab.Client.Speech;
using TokenLab.PowerShell.Completers;
using TokenLab.PowerShell.Context;
using TokenLab.PowerShell.Errors;
using TokenLab.PowerShell.Infrastructure;
using TokenLab.PowerShell.Output;
using TokenLab.PowerShell.Pricing;
using TokenLab.PowerShell.Speech;

namespace TokenLab.PowerShell.Commands
{
    /// <summary>
    /// Turns text into speech, streaming the audio to disk as it arrives (or to the pipeline with
    /// -AsByteStream). Files appear only when complete, are never overwritten without -Force, and with
    /// -OutDirectory are named after the request so a saved result is reused instead of paid for again.
    /// Pipeline input is generated in parallel (-ThrottleLimit).
    /// </summary>
    [Cmdlet(VerbsCommon.New, "TokenLabSpeech", SupportsShouldProcess = true, DefaultParameterSetName = DirectorySet)]
    [OutputType(typeof(GeneratedSpeech), ParameterSetName = new[] { DirectorySet, FileSet })]
    [OutputType(typeof(byte[]), ParameterSetName = new[] { ByteStreamSet })]
    public sealed class NewTokenLabSpeechCommand : TokenLabApiCmdlet
    {
        private const string DirectorySet = "OutDirectory";
        private const string FileSet = "OutFile";
        private const string ByteStreamSet = "AsByteStream";
        private const int ProgressActivityId = 4104;

        // Paths this command saves or has saved: a second item with the same target is a duplicate.
        private readonly HashSet<string> _claimed = new HashSet<string>(FileSystemPaths.Comparer);

        // What the catalog could not tell, or a voice it does not list: said once per command, not per item.
        private readonly HashSet<string> _said = new HashSet<string>(StringComparer.Ordinal);

        private ParallelItemRunner<IReadOnlyList<GeneratedSpeech>>? _runner;
        private TransferProgress? _progress;
        private string? _outputFolder;
        private bool _outputFolderCreated;
        private bool _textFromPipeline;
        private bool _tagItems;
        private long _inputItems;
        private long _blankItemsSkipped;

        /// <summary>The text to speak (at most 4096 characters, or any length with -Split). Blank text from the pipeline is skipped.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Input")]
        [AllowEmptyString]
        [AllowNull]
        [TextInputTransformation]
        public string? Text { get; set; }

        /// <summary>
        /// The speech model. Binds by property name from a model object (its Model alias property, from the type data),
        /// e.g. Get-TokenLabModel -RecommendedFor tts, or from a Model column; never from a bare Id, which in a CSV names the row.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SpeechModelCompleter))]
        public string Model { get; set; } = "tts-1";

        /// <summary>A voice name (alloy, nova, Kore, …; availability depends on the model). Default: the model's documented voice from its catalog details (alloy for models that list it or none).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SpeechVoiceCompleter))]
        public string? Voice { get; set; }

        /// <summary>A custom voice ID, sent as {"id": …}, instead of -Voice.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? VoiceId { get; set; }

        /// <summary>How to speak (for models that take instructions, such as gpt-4o-mini-tts).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateLength(1, 2000)]
        public string? Instructions { get; set; }

        /// <summary>Speaking speed, 0.25 to 4.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(0.25, 4.0)]
        public double Speed { get; set; }

        /// <summary>The audio format. Default: the -OutFile extension's format, else mp3.</summary>
        [Parameter]
        [ValidateSet("mp3", "opus", "aac", "flac", "wav", "pcm")]
        public string? Format { get; set; }

        /// <summary>Asks for server-sent events (stream_format=sse); not for tts-1 or tts-1-hd.</summary>
        [Parameter]
        public SwitchParameter Stream { get; set; }

        /// <summary>Cuts text over 4096 characters at sentence, then word, boundaries and joins the parts into one file (wav, pcm, mp3) or numbered files.</summary>
        [Parameter]
        public SwitchParameter Split { get; set; }

        /// <summary>The file to save one item to. Relative paths resolve against the current PowerShell location.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FileSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        /// <summary>The folder to save items to, each named after its request. Default: the current location.</summary>
        [Parameter(ParameterSetName = DirectorySet)]
        [ValidateNotNullOrEmpty]
        public string? OutDirectory { get; set; }

        /// <summary>Writes the audio to the pipeline as byte[] chunks instead of a file.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByteStreamSet)]
        public SwitchParameter AsByteStream { get; set; }

        /// <summary>Replaces existing files (and with -OutDirectory generates again what is already saved).</summary>
        [Parameter(ParameterSetName = FileSet)]
        [Parameter(ParameterSetName = DirectorySet)]
        public SwitchParameter Force { get; set; }

        /// <summary>How many items are generated at once. Default: 4.</summary>
        [Parameter]
        [ValidateRange(1, TokenLabDefaults.MaxParallelRequests)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Writes results in input order instead of as they finish.</summary>
        [Parameter]
        public SwitchParameter Ordered { get; set; }

        /// <summary>Sends text even when it looks like it holds a key, token, password or signed URL.</summary>
        [Parameter]
        public SwitchParameter AllowSensitiveText { get; set; }

        /// <summary>The delivery tier: auto, verified or official. Default: Connect-TokenLab's, else the account's.</summary>
        [Parameter]
        [ValidateSet("auto", "verified", "official")]
        public string? DeliveryPolicy { get; set; }

        internal override TimeSpan DefaultTimeout => TokenLabDefaults.AudioTimeout;

        internal override bool RequiresApiKey => true;

        private ParallelItemRunner<IReadOnlyList<GeneratedSpeech>> Runner => _runner ?? throw new InvalidOperationException("BeginProcessing has not run.");

        internal override string? DeliveryPolicyFor(TokenLabContext? context) => DeliveryPolicy ?? context?.DeliveryPolicy;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _textFromPipeline = !IsBound(nameof(Text));
            _tagItems = MyInvocation.ExpectingInput;
            _progress = new TransferProgress(this, ProgressActivityId, "New-TokenLabSpeech");

            // Byte chunks of different items must not interleave, so -AsByteStream goes one item at a time.
            bool streamingBytes = AsByteStream.IsPresent;
            _runner = CreateItemRunner<IReadOnlyList<GeneratedSpeech>>(
                streamingBytes ? 1 : ThrottleLimit, Ordered.IsPresent || streamingBytes, WriteResults, _progress.Report);
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            _inputItems++;
            if (_textFromPipeline && string.IsNullOrWhiteSpace(Text))
            {
                // A blank line of a text file is layout, not a request: skipped, where an empty -Text argument is an error.
                _blankItemsSkipped++;
                WriteVerbose("Skipped input item " + _inputItems.ToString(CultureInfo.InvariantCulture) + ": its text is blank.");
                return;
            }

            SpeechItem item;
            IReadOnlyList<SpeechTarget> targets;
            ModelDetails details = ModelDetailsFor(Model);
            try
            {
                item = SpeechItem.Create(Text, CurrentParameters(details));
                targets = PlanTargets(item);
            }
            catch (Exception ex) when (ex is TokenLabInputException || ex is OutputFileExistsException)
            {
                Runner.AddError(ex, (ex as TokenLabInputException)?.SafeTarget ?? Text);
                return;
            }

            // Piped items run in parallel: their verbose lines say which item they belong to.
            string? tag = _tagItems ? ItemTag.For(_inputItems, Text) : null;
            var pending = new List<SpeechTarget>();
            foreach (SpeechTarget target in targets)
            {
                if (IsAlreadySaved(target))
                {
                    WriteVerbose(ItemTag.Prefix(tag, "Skipped '" + target.Path + "': the same request is already saved there (-Force generates it again)."));
                    Runner.Add(new[] { SavedAudio.Skipped(item, target) });
                }
                else
                {
                    pending.Add(target);
                }
            }

            if (pending.Count == 0 || !ShouldProcess(DescribeTargets(pending), DescribeAction(item, pending)) || !TryCreateOutputFolder())
            {
                return;
            }

            foreach (SpeechTarget target in pending.Where(t => t.Path is not null))
            {
                _claimed.Add(target.Path!);
            }

            _progress!.ItemStarted();
            var job = new SpeechJob(Client, item, pending, Force.IsPresent, ParameterSetName == DirectorySet, _progress, chunk => WriteObject(chunk), details);
            Runner.Run(Text, tag, job.RunAsync);
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
                _progress?.Complete();
            }

            if (_blankItemsSkipped > 0)
            {
                WriteVerbose("Skipped " + _blankItemsSkipped.ToString(CultureInfo.InvariantCulture) + " of " + _inputItems.ToString(CultureInfo.InvariantCulture)
                    + " input items with blank text.");
            }
        }

        private SpeechParameters CurrentParameters(ModelDetails details) => new SpeechParameters
        {
            Model = Model,
            Voice = VoiceId is null ? VoiceFor(details) : Voice,
            VoiceId = VoiceId,
            Instructions = Instructions,
            Speed = Speed > 0 ? Speed : (double?)null,
            Format = Format,
            OutFileFormat = OutFile is null ? null : SpeechFormat.FromExtension(Path.GetExtension(OutFile)),
            Stream = Stream.IsPresent,
            Split = Split.IsPresent,
            AllowSensitiveText = AllowSensitiveText.IsPresent,
        };

        /// <summary>-Voice, with a warning when the model's details do not list it; without -Voice the model's documented default.</summary>
        private string VoiceFor(ModelDetails details)
        {
            if (details.Model is null)
            {
                SayOnce("verbose:" + Model, () => WriteVerbose("The details of " + Model + " could not be read (" + details.FailureText + "): "
                    + (Voice is null ? "using the voice " + SpeechVoices.Fallback + ", " : "the voice is not checked, ") + "and results carry no EstimatedCost."));
                return Voice ?? SpeechVoices.Fallback;
            }

            if (Voice is null)
            {
                return SpeechVoices.DefaultFor(details.Model);
            }

            if (SpeechVoices.Unlisted(details.Model, Voice) is string warning)
            {
                SayOnce("warning:" + Model + "|" + Voice, () => WriteWarning(warning));
            }

            return Voice;
        }

        private void SayOnce(string key, Action say)
        {
            if (_said.Add(key))
            {
                say();
            }
        }

        /// <summary>Where the item's audio goes; refuses what would clobber a file or cannot be saved.</summary>
        private IReadOnlyList<SpeechTarget> PlanTargets(SpeechItem item)
        {
            switch (ParameterSetName)
            {
                case ByteStreamSet:
                    if (item.Parts.Count > 1 && !SpeechFormat.CanJoin(item.Format))
                    {
                        throw new TokenLabInputException(ErrorIds.ConflictingParameters, ErrorCategory.InvalidArgument,
                            "-AsByteStream -Split needs one stream, but parts of " + item.Format + " audio cannot be joined.",
                            "Use -Format wav, pcm or mp3, or save numbered part files with -OutFile or -OutDirectory.");
                    }

                    return new[] { SpeechTarget.ForPipeline(item) };
                case FileSet:
                    return PlanOutFile(item);
                default:
                    return SpeechTarget.ForFile(Path.Combine(OutputFolder(), SpeechFileName.For(item)), item);
            }
        }

        /// <summary>The -OutDirectory folder, resolved once: it does not come from the pipeline.</summary>
        private string OutputFolder()
        {
            if (_outputFolder is null)
            {
                _outputFolder = OutDirectory is null ? FileSystemPaths.CurrentDirectory(this) : FileSystemPaths.ResolveOutputFolder(this, OutDirectory);
            }

            return _outputFolder;
        }

        private IReadOnlyList<SpeechTarget> PlanOutFile(SpeechItem item)
        {
            string path = FileSystemPaths.ResolveOutputFile(this, OutFile!);

            IReadOnlyList<SpeechTarget> targets = SpeechTarget.ForFile(path, item);
            foreach (SpeechTarget target in targets)
            {
                if (_claimed.Contains(target.Path!))
                {
                    throw new TokenLabInputException(ErrorIds.OutFileReused, ErrorCategory.ResourceExists,
                        "'" + target.Path + "' is already written by an earlier item of this command.",
                        "Give each item its own -OutFile, or use -OutDirectory to name files after their requests.");
                }

                if (!Force.IsPresent && target.FileExists)
                {
                    throw new OutputFileExistsException(target.Path!);
                }
            }

            return targets;
        }

        /// <summary>Creates the -OutDirectory folder once, when the first item is to be saved (never under -WhatIf).</summary>
        private bool TryCreateOutputFolder()
        {
            if (ParameterSetName != DirectorySet || _outputFolderCreated)
            {
                return true;
            }

            try
            {
                Directory.CreateDirectory(OutputFolder());
                _outputFolderCreated = true;
                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Runner.AddError(ex, Text);
                return false;
            }
        }

        /// <summary>With -OutDirectory, a file named after the same request is the same audio: reuse it unless -Force.</summary>
        private bool IsAlreadySaved(SpeechTarget target) =>
            ParameterSetName == DirectorySet && !Force.IsPresent && ((target.FileExists && !target.HoldsEmptyFile) || _claimed.Contains(target.Path!));

        private static string DescribeTargets(List<SpeechTarget> targets) =>
            targets[0].Path is null ? "the pipeline"
            : targets.Count == 1 ? targets[0].Path!
            : targets[0].Path + " and " + (targets.Count - 1) + " more part files";

        /// <summary>What would be sent, and with -WhatIf or -Confirm what the catalog says it costs.</summary>
        private string DescribeAction(SpeechItem item, List<SpeechTarget> targets)
        {
            int requests = targets.Sum(t => t.Texts.Count);
            long characters = targets.Sum(t => t.Texts.Sum(text => (long)text.Length));
            string cost = CostPreviewFor(item.Model, () => new BillableUsage(requests, characters: characters)) is string preview ? "; " + preview : string.Empty;
            return "Generate speech (" + item.Model + ", voice " + item.VoiceLabel + ", " + item.Format + "; "
                + characters.ToString("N0", CultureInfo.InvariantCulture) + " characters in " + (requests == 1 ? "1 request" : requests + " requests") + cost + ")";
        }

        private void WriteResults(IReadOnlyList<GeneratedSpeech> results)
        {
            foreach (GeneratedSpeech result in results)
            {
                WriteObject(result);
            }
        }
    }
}
