using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client;
using TokenLab.Client.Models;
using TokenLab.Client.Realtime;
using TokenLab.PowerShell.Completers;
using TokenLab.PowerShell.Context;
using TokenLab.PowerShell.Errors;
using TokenLab.PowerShell.Infrastructure;
using TokenLab.PowerShell.Output;
using TokenLab.PowerShell.Pricing;
using TokenLab.PowerShell.Realtime;

namespace TokenLab.PowerShell.Commands
{
    /// <summary>
    /// Opens a realtime session (the /v1/realtime WebSocket) and returns it, for Send-, Receive- and
    /// Stop-TokenLabRealtime; or, with -Text or -InputFile, runs one turn per input and returns the replies
    /// (transcript or text, audio saved as a WAV file): each input in a session of its own, up to -ThrottleLimit
    /// at once, or with -Conversation all inputs as successive turns of one session. The protocol (configuration,
    /// turn choreography, GA and beta shapes) is the client's <see cref="RealtimeTurnRunner"/>.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "TokenLabRealtime", SupportsShouldProcess = true, DefaultParameterSetName = SessionSet)]
    [OutputType(typeof(TokenLabRealtimeSession), ParameterSetName = new[] { SessionSet })]
    [OutputType(typeof(TokenLabRealtimeTurn), ParameterSetName = new[] { TextSet, InputFileSet })]
    public sealed class StartTokenLabRealtimeCommand : TokenLabApiCmdlet
    {
        private const string SessionSet = "Session";
        private const string TextSet = "Text";
        private const string InputFileSet = "InputFile";

        private TurnOutputFiles? _outputFiles;
        private ParallelItemRunner<TokenLabRealtimeTurn?>? _sessions;
        private RealtimeTurnRunner? _conversation;
        private CancellationTokenRegistration _dropOnStop;
        private long _parallelInputs;

        /// <summary>The realtime model, such as gpt-realtime.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RealtimeModelCompleter))]
        public string Model { get; set; } = string.Empty;

        /// <summary>Text to send, one turn per string (from the pipeline too).</summary>
        [Parameter(Mandatory = true, ParameterSetName = TextSet, ValueFromPipeline = true)]
        [AllowEmptyString]
        public string[]? Text { get; set; }

        /// <summary>Recordings to send, one turn per file: WAV (PCM or float, any rate and channels), MP3, Ogg Vorbis, or raw 16-bit PCM (.pcm, .raw).</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputFileSet, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string[]? InputFile { get; set; }

        /// <summary>The sample rate of raw PCM input files (.pcm, .raw).</summary>
        [Parameter(ParameterSetName = InputFileSet)]
        [ValidateRange(1000, 384000)]
        public int SampleRate { get; set; } = RealtimeAudio.SampleRate;

        /// <summary>The channels of raw PCM input files, interleaved; they are mixed to mono.</summary>
        [Parameter(ParameterSetName = InputFileSet)]
        [ValidateRange(1, 32)]
        public int Channels { get; set; } = RealtimeAudio.Channels;

        /// <summary>The WAV file for the reply audio of a turn; a script block gives each input its own.</summary>
        [Parameter(ParameterSetName = TextSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = InputFileSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        /// <summary>Replaces an existing -OutFile.</summary>
        [Parameter(ParameterSetName = TextSet)]
        [Parameter(ParameterSetName = InputFileSet)]
        public SwitchParameter Force { get; set; }

        /// <summary>The system instructions of the session.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Instructions { get; set; }

        /// <summary>The voice of spoken replies.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RealtimeVoiceCompleter))]
        public string? Voice { get; set; }

        /// <summary>Audio (spoken replies with a transcript) or Text.</summary>
        [Parameter]
        [ValidateSet("Audio", "Text", IgnoreCase = true)]
        public string? OutputModality { get; set; }

        /// <summary>None (you commit audio and ask for responses), ServerVad or SemanticVad.</summary>
        [Parameter]
        [ValidateSet("None", "ServerVad", "SemanticVad", IgnoreCase = true)]
        public string? TurnDetection { get; set; }

        /// <summary>Transcribes the input audio with this model (input_audio_transcription).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TranscriptionModelCompleter))]
        public string? InputTranscriptionModel { get; set; }

        /// <summary>Any other session settings, merged into the session.update last.</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? Session { get; set; }

        /// <summary>Runs all inputs as successive turns of one session, each reply seeing the inputs before it.</summary>
        [Parameter(ParameterSetName = TextSet)]
        [Parameter(ParameterSetName = InputFileSet)]
        public SwitchParameter Conversation { get; set; }

        /// <summary>How many inputs run at once, each in a session of its own. Default: 4.</summary>
        [Parameter(ParameterSetName = TextSet)]
        [Parameter(ParameterSetName = InputFileSet)]
        [ValidateRange(1, 32)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Writes the replies in input order instead of as they finish.</summary>
        [Parameter(ParameterSetName = TextSet)]
        [Parameter(ParameterSetName = InputFileSet)]
        public SwitchParameter Ordered { get; set; }

        /// <summary>Opens the session without first checking the model's details for realtime support.</summary>
        [Parameter]
        public SwitchParameter SkipModelCheck { get; set; }

        /// <summary>Sends text, instructions and settings even when they look like they hold a secret.</summary>
        [Parameter]
        public SwitchParameter AllowSensitiveText { get; set; }

        internal override TimeSpan DefaultTimeout => TokenLabDefaults.AudioTimeout;

        internal override bool RequiresApiKey => true;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            try
            {
                TokenLabInputException.ThrowIfBlankModel(Model);
            }
            catch (TokenLabInputException ex)
            {
                ThrowTokenLabError(ex, Model);
            }

            base.BeginProcessing();
            _outputFiles = new TurnOutputFiles(this);
            if (!AllowSensitiveText.IsPresent)
            {
                ErrorRecord? secret = (Instructions is null ? null : RealtimeErrorRecords.SensitiveText(Instructions, "-Instructions"))
                    ?? (Session is null ? null : RealtimeErrorRecords.SensitiveText(RealtimeJson.ToEventJson(Session), "The -Session table"));
                if (secret != null)
                {
                    ThrowTerminatingError(secret);
                }
            }

            if (ParameterSetName != SessionSet && !Conversation.IsPresent)
            {
                _sessions = CreateItemRunner<TokenLabRealtimeTurn?>(ThrottleLimit, Ordered.IsPresent, WriteTurn, null);
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case SessionSet:
                    StartSession();
                    break;
                case TextSet:
                    foreach (string text in Text ?? Array.Empty<string>())
                    {
                        if (CheckText(text))
                        {
                            RunTurn(text, "text of " + text.Length.ToString("N0", CultureInfo.InvariantCulture) + " characters", null, (runner, options, token) => runner.RunTextAsync(text, options, token));
                        }
                    }

                    break;
                default:
                    foreach (string path in InputFile ?? Array.Empty<string>())
                    {
                        (IReadOnlyList<string> files, ErrorRecord? missing) = AudioInputFiles.Resolve(this, path);
                        if (missing != null)
                        {
                            WriteError(missing);
                        }

                        foreach (string file in files)
                        {
                            RunFileTurn(file);
                        }
                    }

                    break;
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            _sessions?.WaitForAll();
            if (_conversation is null)
            {
                return;
            }

            RealtimeSession session = _conversation.Session;
            RunAsync(async (_, token) =>
            {
                await session.CloseAsync(token).ConfigureAwait(false);
                return true;
            });
            WriteVerbose("Closed realtime session " + session.SessionId + " with status " + session.CloseStatus + ".");
            DropConversation();
        }

        /// <summary>A pipeline that ends early (Select-Object -First, an error downstream) never reaches EndProcessing: the sessions close here.</summary>
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                DropConversation();
            }

            base.Dispose(disposing);
        }

        private void StartSession()
        {
            if (!ShouldProcess(Model, "Open a realtime session" + CostSuffix()))
            {
                return;
            }

            if (CheckModel() is ErrorRecord refused)
            {
                WriteError(refused);
                return;
            }

            (RealtimeSession? opened, ErrorRecord? failure) = RunAsync((queue, token) => OpenAsync(Configuration(), queue, token));
            if (failure != null)
            {
                WriteError(failure);
                return;
            }

            var session = new TokenLabRealtimeSession(opened!, Client.Options.BaseUri);
            RealtimeSessionRegistry.Add(session);
            WriteObject(session);
        }

        /// <summary>With -WhatIf or -Confirm: how the model is billed, from the catalog.</summary>
        private string CostSuffix() =>
            CostPreviewFor(Model, () => new BillableUsage(1)) is string cost ? "; " + cost : string.Empty;

        private bool CheckText(string text)
        {
            ErrorRecord? problem = string.IsNullOrWhiteSpace(text)
                ? ErrorRecordFactory.Create(new ArgumentException("The text is empty."), ErrorIds.TextEmpty, ErrorCategory.InvalidArgument, text, "Give some text to send.")
                : AllowSensitiveText.IsPresent ? null : RealtimeErrorRecords.SensitiveText(text, "-Text");
            if (problem != null)
            {
                WriteError(problem);
            }

            return problem is null;
        }

        /// <summary>A turn for a recording, which is opened (and its kind checked) before any session; it is closed after the turn, whether it ran or not.</summary>
        private void RunFileTurn(string path)
        {
            var raw = new RawPcmFormat(SampleRate, Channels);
            (RealtimeInputAudio? audio, string? problem) = RunAsync((_, token) => RealtimeAudioInput.OpenFileAsync(path, raw, token));
            if (audio is null)
            {
                WriteError(RealtimeErrorRecords.UnsupportedAudio(problem!, path));
                return;
            }

            RunTurn(path, "the audio of " + path + " (" + audio.Format + ")", audio, (runner, options, token) => runner.RunAudioAsync(audio, options, token));
        }

        /// <summary>
        /// One turn for one input: checks first on the pipeline thread (nothing is sent for an unusable input or a
        /// refused -OutFile), then runs it in a session of its own, or as the next turn of the -Conversation session.
        /// </summary>
        private void RunTurn(string input, string sent, IDisposable? owned, Func<RealtimeTurnRunner, RealtimeTurnOptions, CancellationToken, Task<RealtimeTurnResult>> turn)
        {
            using (var release = new OwnedUntilHandedOver(owned))
            {
                string? outFile = null;
                if (OutFile != null)
                {
                    (outFile, ErrorRecord? problem) = _outputFiles!.Resolve(OutFile, Force.IsPresent, input);
                    if (problem != null)
                    {
                        WriteError(problem);
                        return;
                    }
                }

                if (!ShouldProcess(outFile ?? Model, "Realtime turn with " + Model + " (" + sent + ")" + CostSuffix()))
                {
                    return;
                }

                if (_sessions is null)
                {
                    RunConversationTurn(input, outFile, turn);
                    return;
                }

                if (CheckModel() is ErrorRecord refused)
                {
                    ThrowTerminatingError(refused);
                }

                IDisposable? handedOver = release.HandOver();
                // Parallel sessions write their verbose lines interleaved: each says which input it belongs to.
                _sessions.Run(input, ItemTag.For(++_parallelInputs, input), async (queue, token) =>
                {
                    using (handedOver)
                    {
                        return await RunInOwnSessionAsync(input, outFile, turn, queue, token).ConfigureAwait(false);
                    }
                });
            }
        }

        /// <summary>Opens a session for one input, runs its turn and closes the session; failures are this input's errors.</summary>
        private async Task<TokenLabRealtimeTurn?> RunInOwnSessionAsync(
            string input, string? outFile, Func<RealtimeTurnRunner, RealtimeTurnOptions, CancellationToken, Task<RealtimeTurnResult>> turn, PipelineMessageQueue queue, CancellationToken token)
        {
            (RealtimeSession? session, ErrorRecord? failure) = await OpenAsync(TurnConfiguration(), queue, token).ConfigureAwait(false);
            if (failure != null)
            {
                queue.Post(() => WriteError(failure));
                return null;
            }

            using (session)
            {
                var runner = new RealtimeTurnRunner(session!, Client.Options.Timeout);
                try
                {
                    RealtimeTurnResult result = await turn(runner, TurnOptions(input, outFile, session!, queue), token).ConfigureAwait(false);
                    await session!.CloseAsync(token).ConfigureAwait(false);
                    queue.Verbose("Closed realtime session " + session.SessionId + " with status " + session.CloseStatus + ".");
                    return ToTurn(input, result, session, queue);
                }
                catch (TimeoutException ex)
                {
                    queue.Post(() => WriteError(TimeoutRecord(ex, input)));
                    return null;
                }
            }
        }

        /// <summary>The next turn of the -Conversation session (opened at the first turn); a closed session or a timeout ends the command.</summary>
        private void RunConversationTurn(string input, string? outFile, Func<RealtimeTurnRunner, RealtimeTurnOptions, CancellationToken, Task<RealtimeTurnResult>> turn)
        {
            RealtimeTurnRunner runner = EnsureConversation();
            try
            {
                TokenLabRealtimeTurn? result = RunAsync(async (queue, token) =>
                    ToTurn(input, await turn(runner, TurnOptions(input, outFile, runner.Session, queue), token).ConfigureAwait(false), runner.Session, queue));
                if (result != null)
                {
                    WriteTurn(result);
                }
            }
            catch (TimeoutException ex)
            {
                // The response may still be running: the session cannot take another turn.
                DropConversation();
                ThrowTerminatingError(TimeoutRecord(ex, input));
            }
            catch (TokenLabRealtimeClosedException ex)
            {
                // No reconnect: a closed session ends the command; a new Start-TokenLabRealtime is the way on.
                DropConversation();
                ThrowTokenLabError(ex, input);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // FileExists for a file that appeared meanwhile; OutputWriteFailed for a full disk or a denied folder.
                WriteError(ErrorRecordFactory.FromException(ex, input));
            }
        }

        private RealtimeTurnRunner EnsureConversation()
        {
            if (_conversation != null)
            {
                return _conversation;
            }

            if (CheckModel() is ErrorRecord refused)
            {
                ThrowTerminatingError(refused);
            }

            (RealtimeSession? session, ErrorRecord? failure) = RunAsync((queue, token) => OpenAsync(TurnConfiguration(), queue, token));
            if (failure != null)
            {
                ThrowTerminatingError(failure);
            }

            _conversation = new RealtimeTurnRunner(session!, Client.Options.Timeout);
            _dropOnStop = StopToken.Register(session!.Dispose);
            return _conversation;
        }

        private void DropConversation()
        {
            _dropOnStop.Dispose();
            _conversation?.Session.Dispose();
            _conversation = null;
        }

        private void WriteTurn(TokenLabRealtimeTurn? turn)
        {
            if (turn != null)
            {
                turn.EstimatedCost = TurnCost(turn);
                WriteObject(turn);
            }
        }

        /// <summary>Trace lines to -Verbose and error events to the error stream, both through the queue to the pipeline thread.</summary>
        private RealtimeTurnOptions TurnOptions(string input, string? outFile, RealtimeSession session, PipelineMessageQueue queue) => new RealtimeTurnOptions
        {
            OutFile = outFile,
            Overwrite = Force.IsPresent,
            Trace = queue.Verbose,
            ErrorReceived = error => queue.Post(() => WriteError(RealtimeErrorRecords.FromErrorEvent(error, session.SessionId, input))),
        };

        /// <summary>The turn's output for the pipeline; a failed response is this input's error and gives none.</summary>
        private TokenLabRealtimeTurn? ToTurn(string input, RealtimeTurnResult result, RealtimeSession session, PipelineMessageQueue queue)
        {
            if (result.Status == RealtimeTurnStatus.Failed)
            {
                queue.Post(() => WriteError(RealtimeErrorRecords.ResponseFailed(result.ResponseStatus!, result.ResponseId, input)));
            }

            return result.Status != RealtimeTurnStatus.Completed ? null : new TokenLabRealtimeTurn(
                input, result.Transcript, result.Text, result.AudioPath, result.AudioDuration, result.Usage,
                result.ResponseId, session.SessionId, session.RequestId, session.Model, result.Elapsed);
        }

        private RealtimeSessionConfiguration Configuration() => new RealtimeSessionConfiguration
        {
            Instructions = Instructions,
            Voice = Voice,
            OutputModality = OutputModality is null ? null : (RealtimeOutputModality?)Enum.Parse(typeof(RealtimeOutputModality), OutputModality, ignoreCase: true),
            TurnDetection = TurnDetection is null ? null : (RealtimeTurnDetection?)Enum.Parse(typeof(RealtimeTurnDetection), TurnDetection, ignoreCase: true),
            InputTranscriptionModel = InputTranscriptionModel,
            Extra = Session is null ? null : RealtimeJson.ToObject(Session),
        };

        /// <summary>Turn detection is off for one-shot turns unless -TurnDetection says otherwise: the turn commits the audio itself.</summary>
        private RealtimeSessionConfiguration TurnConfiguration()
        {
            RealtimeSessionConfiguration configuration = Configuration();
            configuration.TurnDetection ??= RealtimeTurnDetection.None;
            return configuration;
        }

        /// <summary>
        /// Connects, waits for session.created and applies the configuration (the client's protocol); any failure
        /// becomes the error record to write, and the socket is closed then.
        /// </summary>
        private async Task<(RealtimeSession? Session, ErrorRecord? Failure)> OpenAsync(RealtimeSessionConfiguration configuration, PipelineMessageQueue queue, CancellationToken token)
        {
            RealtimeSession? session = null;
            try
            {
                session = await Client.ConnectRealtimeAsync(Model, null, token).ConfigureAwait(false);
                RealtimeSetupResult setup = await configuration.ApplyAsync(session, Client.Options.Timeout, queue.Verbose, token).ConfigureAwait(false);
                if (!setup.Created)
                {
                    queue.Post(() => WriteWarning("No session.created arrived within " + Client.Options.TotalSecondsText() + "; the session is open without a session ID."));
                }

                queue.Verbose("Opened realtime session " + session.SessionId + " with " + session.Model + " (" + session.Dialect + " events), request ID " + session.RequestId);
                if (setup.Rejected is null)
                {
                    return (session, null);
                }

                session.Dispose();
                return (null, RealtimeErrorRecords.FromErrorEvent(setup.Rejected, session.SessionId, Model));
            }
            catch (Exception ex) when (ex is TokenLabException || ex is TimeoutException)
            {
                session?.Dispose();
                return (null, ex is TimeoutException timeout ? TimeoutRecord(timeout, Model) : ErrorRecordFactory.FromException(ex, Model));
            }
        }

        private static ErrorRecord TimeoutRecord(TimeoutException ex, object target) =>
            ErrorRecordFactory.Create(ex, ErrorIds.Timeout, ErrorCategory.OperationTimeout, target, "Raise -TimeoutSec, or ask for a shorter reply.");

        /// <summary>Disposes what an input holds (its open recording) unless it was handed over to the work that uses it.</summary>
        private sealed class OwnedUntilHandedOver : IDisposable
        {
            private IDisposable? owned;

            public OwnedUntilHandedOver(IDisposable? owned)
            {
                this.owned = owned;
            }

            public IDisposable? HandOver() => Interlocked.Exchange(ref owned, null);

            public void Dispose() => HandOver()?.Dispose();
        }

        /// <summary>The catalog price applied to the tokens the turn's response.done counted; null (and a verbose note) without the model's details.</summary>
        private EstimatedCost? TurnCost(TokenLabRealtimeTurn turn)
        {
            if (SkipModelCheck.IsPresent)
            {
                WriteVerbose("No EstimatedCost: -SkipModelCheck reads nothing from the catalog, so the price of " + Model + " is not known.");
                return null;
            }

            ModelDetails details = ModelDetailsFor(Model);
            if (details.Model is null)
            {
                WriteVerbose("No EstimatedCost: the details of " + Model + " could not be read (" + details.FailureText + ").");
                return null;
            }

            return CostEstimator.Estimate(details.Model, new BillableUsage(1, inputTokens: turn.Usage.InputTokens, outputTokens: turn.Usage.OutputTokens));
        }

        /// <summary>The model's details must declare /v1/realtime (the session's cached details); otherwise the error lists the models that do.</summary>
        private ErrorRecord? CheckModel()
        {
            if (SkipModelCheck.IsPresent)
            {
                WriteVerbose("Not checking the details of '" + Model + "' for realtime support (-SkipModelCheck).");
                return null;
            }

            ModelDetails details = ModelDetailsFor(Model);
            if (details.Model is null)
            {
                return details.Failure is TokenLabException failure
                    ? ErrorRecordFactory.FromException(failure, Model)
                    : RealtimeErrorRecords.NotSupported(Model, RealtimeModels());
            }

            return details.Model.SupportsRealtime == true ? null : RealtimeErrorRecords.NotSupported(Model, RealtimeModels());
        }

        /// <summary>The realtime models of the catalog, for the error message; empty when the catalog cannot be read.</summary>
        private IReadOnlyList<string> RealtimeModels()
        {
            try
            {
                return RunAsync(async (_, token) =>
                {
                    IReadOnlyList<TokenLabModel> models = (await Client.ListModelsAsync(new ModelListQuery(), token).ConfigureAwait(false)).Value;
                    return (await RealtimeModelFilter.KeepRealtimeAsync(Client, models, token).ConfigureAwait(false)).Select(m => m.Id).ToList();
                });
            }
            catch (TokenLabException)
            {
                return Array.Empty<string>();
            }
        }
    }
}
