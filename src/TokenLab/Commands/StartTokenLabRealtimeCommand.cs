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
    /// Stop-TokenLabRealtime; or, with -Text or -InputFile, runs one turn per input in a session of its own
    /// and returns the replies (transcript or text, audio saved as a WAV file), closing the session at the end.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "TokenLabRealtime", SupportsShouldProcess = true, DefaultParameterSetName = SessionSet)]
    [OutputType(typeof(TokenLabRealtimeSession), ParameterSetName = new[] { SessionSet })]
    [OutputType(typeof(TokenLabRealtimeTurn), ParameterSetName = new[] { TextSet, InputFileSet })]
    public sealed class StartTokenLabRealtimeCommand : TokenLabApiCmdlet
    {
        private const string SessionSet = "Session";
        private const string TextSet = "Text";
        private const string InputFileSet = "InputFile";
        private const string SessionUpdateId = "tl_session_update";

        private TurnOutputFiles? _outputFiles;
        private RealtimeSession? _turnSession;
        private RealtimeTurnRunner? _runner;
        private CancellationTokenRegistration _dropOnStop;

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
                        RunTurn(text, "text of " + text.Length.ToString("N0", CultureInfo.InvariantCulture) + " characters", TextTurnAsync(text));
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
            if (_turnSession is null)
            {
                return;
            }

            RealtimeSession session = _turnSession;
            RunAsync(async (_, token) =>
            {
                await session.CloseAsync(token).ConfigureAwait(false);
                return true;
            });
            WriteVerbose("Closed realtime session " + session.SessionId + " with status " + session.CloseStatus + ".");
            DropTurnSession();
        }

        private void StartSession()
        {
            if (!ShouldProcess(Model, "Open a realtime session" + CostSuffix()))
            {
                return;
            }

            if (OpenSession(Settings(), terminating: false) is RealtimeSession opened)
            {
                var session = new TokenLabRealtimeSession(opened, Client.Options.BaseUri);
                RealtimeSessionRegistry.Add(session);
                WriteObject(session);
            }
        }

        /// <summary>With -WhatIf or -Confirm: how the model is billed, from the catalog.</summary>
        private string CostSuffix() =>
            CostPreviewFor(Model, () => new BillableUsage(1)) is string cost ? "; " + cost : string.Empty;

        /// <summary>One turn for one input: checks first (nothing is sent for an unusable input), then runs it.</summary>
        private void RunTurn(string input, string sent, Func<string?, PipelineMessageQueue, CancellationToken, Task<TokenLabRealtimeTurn?>>? turn)
        {
            if (turn is null)
            {
                return;
            }

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

            EnsureTurnSession();
            try
            {
                TokenLabRealtimeTurn? result = RunAsync((queue, token) => turn(outFile, queue, token));
                if (result != null)
                {
                    result.EstimatedCost = TurnCost(result);
                    WriteObject(result);
                }
            }
            catch (TimeoutException ex)
            {
                DropTurnSession();
                ThrowTerminatingError(ErrorRecordFactory.Create(ex, ErrorIds.Timeout, ErrorCategory.OperationTimeout, input, "Raise -TimeoutSec, or ask for a shorter reply."));
            }
            catch (TokenLabRealtimeClosedException ex)
            {
                // No reconnect: a closed session ends the command; a new Start-TokenLabRealtime is the way on.
                DropTurnSession();
                ThrowTokenLabError(ex, input);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                // FileExists for a file that appeared meanwhile; OutputWriteFailed for a full disk or a denied folder.
                WriteError(ErrorRecordFactory.FromException(ex, input));
            }
        }

        private Func<string?, PipelineMessageQueue, CancellationToken, Task<TokenLabRealtimeTurn?>>? TextTurnAsync(string text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                WriteError(ErrorRecordFactory.Create(new ArgumentException("The text is empty."), ErrorIds.TextEmpty, ErrorCategory.InvalidArgument, text, "Give some text to send."));
                return null;
            }

            if (!AllowSensitiveText.IsPresent && RealtimeErrorRecords.SensitiveText(text, "-Text") is ErrorRecord secret)
            {
                WriteError(secret);
                return null;
            }

            return (outFile, queue, token) => _runner!.RunTextAsync(text, outFile, Force.IsPresent, queue, token);
        }

        /// <summary>A turn for an audio file; the file is closed after it, whether the turn ran or not (-WhatIf, a refused -OutFile).</summary>
        private void RunFileTurn(string path)
        {
            var raw = new RawPcmFormat(SampleRate, Channels);
            (RealtimeInputAudio? audio, string? problem) = RunAsync((_, token) => RealtimeAudioInput.OpenFileAsync(path, raw, token));
            if (audio is null)
            {
                WriteError(RealtimeErrorRecords.UnsupportedAudio(problem!, path));
                return;
            }

            using (audio)
            {
                RunTurn(path, "the audio of " + path, (outFile, queue, token) => _runner!.RunAudioAsync(path, audio, outFile, Force.IsPresent, queue, token));
            }
        }

        private void EnsureTurnSession()
        {
            if (_turnSession != null)
            {
                return;
            }

            SessionSettings settings = Settings();
            settings.TurnDetection ??= "None";
            _turnSession = OpenSession(settings, terminating: true)!;
            _runner = new RealtimeTurnRunner(_turnSession, Client.Options.Timeout, WriteError);
            RealtimeSession session = _turnSession;
            _dropOnStop = StopToken.Register(session.Dispose);
        }

        /// <summary>A pipeline that ends early (Select-Object -First, an error downstream) never reaches EndProcessing: the turn session closes here.</summary>
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                DropTurnSession();
            }

            base.Dispose(disposing);
        }

        private void DropTurnSession()
        {
            _dropOnStop.Dispose();
            _turnSession?.Dispose();
            _turnSession = null;
        }

        private SessionSettings Settings() => new SessionSettings
        {
            Instructions = Instructions,
            Voice = Voice,
            OutputModality = OutputModality,
            TurnDetection = TurnDetection,
            InputTranscriptionModel = InputTranscriptionModel,
            Extra = Session is null ? null : RealtimeJson.ToObject(Session),
        };

        /// <summary>
        /// Checks the model, connects, waits for session.created and applies the settings. A failure is a
        /// non-terminating error for the session Start returns, and ends the command for one-shot turns.
        /// </summary>
        private RealtimeSession? OpenSession(SessionSettings settings, bool terminating)
        {
            RealtimeSession? session = null;
            ErrorRecord? failure = CheckModel();
            if (failure is null)
            {
                try
                {
                    RealtimeError? rejected;
                    (session, rejected) = RunAsync(async (queue, token) =>
                    {
                        RealtimeSession opened = await Client.ConnectRealtimeAsync(Model, null, token).ConfigureAwait(false);
                        try
                        {
                            return (opened, await ConfigureAsync(opened, settings, queue, token).ConfigureAwait(false));
                        }
                        catch
                        {
                            opened.Dispose();
                            throw;
                        }
                    });
                    if (rejected != null)
                    {
                        failure = RealtimeErrorRecords.FromErrorEvent(rejected, session.SessionId, Model);
                        session.Dispose();
                        session = null;
                    }
                }
                catch (TokenLabException ex)
                {
                    failure = ErrorRecordFactory.FromException(ex, Model);
                }
                catch (TimeoutException ex)
                {
                    failure = ErrorRecordFactory.Create(ex, ErrorIds.Timeout, ErrorCategory.OperationTimeout, Model, "Raise -TimeoutSec, or retry later.");
                }
            }

            if (failure != null)
            {
                if (terminating)
                {
                    ThrowTerminatingError(failure);
                }

                WriteError(failure);
            }

            return session;
        }

        /// <summary>Waits for session.created, then sends the settings as one session.update and waits for session.updated (or the error about it).</summary>
        private async Task<RealtimeError?> ConfigureAsync(RealtimeSession session, SessionSettings settings, PipelineMessageQueue queue, CancellationToken token)
        {
            using (var limit = CancellationTokenSource.CreateLinkedTokenSource(token))
            {
                limit.CancelAfter(Client.Options.Timeout);
                try
                {
                    await session.WaitUntilCreatedAsync(limit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested)
                {
                    queue.Post(() => WriteWarning("No session.created arrived within " + Client.Options.TotalSecondsText() + "; the session is open without a session ID."));
                }

                queue.Verbose("Opened realtime session " + session.SessionId + " with " + session.Model + " (" + session.Dialect + " events), request ID " + session.RequestId);
                if (settings.IsEmpty)
                {
                    return null;
                }

                Task<RealtimeEvent> answer = session.WaitForEventAsync(
                    e => e.GaType == RealtimeEventTypes.SessionUpdated || (e.GaType == RealtimeEventTypes.Error && e.Error?.ClientEventId == SessionUpdateId),
                    limit.Token);
                string type = await session.SendAsync(settings.ToUpdateEvent(session.Dialect, SessionUpdateId), limit.Token).ConfigureAwait(false);
                queue.Verbose("Sent " + type + " (" + SessionUpdateId + ")");
                try
                {
                    RealtimeEvent reply = await answer.ConfigureAwait(false);
                    queue.Verbose("Received " + reply.Type);
                    return reply.Error;
                }
                catch (OperationCanceledException ex) when (!token.IsCancellationRequested)
                {
                    throw new TimeoutException("The session.update was not answered within " + Client.Options.TotalSecondsText() + ".", ex);
                }
            }
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
