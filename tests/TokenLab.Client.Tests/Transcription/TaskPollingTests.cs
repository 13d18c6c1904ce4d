using TokenLab.Client.Tests.Infrastructure;
using TokenLab.Client.Transcription;
using TokenLab.Emulator.Faults;
using TokenLab.Emulator.Tasks;

namespace TokenLab.Client.Tests.Transcription;

/// <summary>An upload the service accepts as a task: polling to the end, its states, Retry-After and the overall timeout.</summary>
public sealed class TaskPollingTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture emulator;

    public TaskPollingTests(EmulatorFixture emulator)
    {
        this.emulator = emulator;
        emulator.Reset();
    }

    [Fact]
    public async Task AnAcceptedTaskIsPolledToItsTranscript()
    {
        var test = emulator.CreateClient(options => options.Delay = Task.Delay);
        emulator.AddFault(new FaultSpec { Match = "/v1/audio/*", Kind = FaultKind.AsyncTask, TaskDelayMs = 1200 });
        var progress = new RecordingProgress();

        TokenLabResponse<Transcript> response = await test.Client.TranscribeAsync(
            new TranscriptionRequest(AudioUpload.FromBytes(WavTestData.Create(4), "a.wav")) { ResponseFormat = TranscriptFormat.VerboseJson }, progress, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(4), response.Value.Duration);
        Assert.NotEmpty(response.Value.Segments);
        Assert.Matches("^ldtask_", response.Metadata.TaskId);
        Assert.Equal(emulator.Requests[0].RequestId, response.Metadata.RequestId);
        string[] polls = emulator.Requests.Skip(1).Select(r => r.Path).Distinct().ToArray();
        Assert.Equal(["/v1/tasks/" + response.Metadata.TaskId], polls);
        var waiting = progress.Reports.Where(p => p.Stage == TranscriptionStage.WaitingForTask).ToList();
        Assert.Equal("pending", waiting[0].TaskStatus);
        Assert.All(waiting.SkipWhile(p => p.TaskStatus == "pending"), p => Assert.Equal("processing", p.TaskStatus));
        Assert.All(waiting, p => Assert.Equal(response.Metadata.TaskId, p.TaskId));
        Assert.Equal(TranscriptionStage.Completed, progress.Reports[^1].Stage);
    }

    [Theory]
    [InlineData(TranscriptFormat.Srt)]
    [InlineData(TranscriptFormat.Text)]
    [InlineData(TranscriptFormat.Json)]
    public async Task ATaskResultInAnyFormatBecomesTheSameTranscript(TranscriptFormat format)
    {
        var test = emulator.CreateClient();
        var audio = AudioUpload.FromBytes(WavTestData.Create(6), "a.wav");
        string expected = (await test.Client.TranscribeAsync(new TranscriptionRequest(audio), null, CancellationToken.None)).Value.Text;
        emulator.AddFault(new FaultSpec { Match = "/v1/audio/*", Kind = FaultKind.AsyncTask, TaskDelayMs = 0 });

        Transcript transcript = (await test.Client.TranscribeAsync(new TranscriptionRequest(audio) { ResponseFormat = format }, null, CancellationToken.None)).Value;

        Assert.Equal(expected, transcript.Text);
        Assert.Equal(format, transcript.Format);
    }

    [Theory]
    [InlineData(TaskOutcome.Failed, false, "upstream_error")]
    [InlineData(TaskOutcome.Cancelled, true, "task_cancelled")]
    public async Task AFailedOrCancelledTaskIsAnErrorWithItsId(TaskOutcome outcome, bool cancelled, string code)
    {
        var test = emulator.CreateClient();
        emulator.AddFault(new FaultSpec { Match = "/v1/audio/*", Kind = FaultKind.AsyncTask, TaskDelayMs = 0, TaskOutcome = outcome });

        var error = await Assert.ThrowsAsync<TokenLabTaskFailedException>(() => test.Client.TranscribeAsync(
            new TranscriptionRequest(AudioUpload.FromBytes(WavTestData.Create(1), "a.wav")), null, CancellationToken.None));

        Assert.Matches("^ldtask_", error.TaskId);
        Assert.Equal(cancelled, error.Cancelled);
        Assert.Equal(code, error.ErrorCode);
        Assert.Contains(error.TaskId, error.Message, StringComparison.Ordinal);
        Assert.Equal(emulator.Requests[^1].RequestId, error.RequestId);
    }

    [Fact]
    public async Task PollsWaitWhatRetryAfterSaysUpToMaxRetryWaitAndOtherwiseGrowToABound()
    {
        var test = emulator.CreateClient(options => options.MaxRetryWait = TimeSpan.FromSeconds(3));
        emulator.AddFault(new FaultSpec { Match = "/v1/audio/*", Kind = FaultKind.AsyncTask, TaskDelayMs = 600_000, RetryAfter = 7 });
        using var stop = new CancellationTokenSource();
        var progress = new RecordingProgress(p =>
        {
            if (p.Stage == TranscriptionStage.WaitingForTask && test.Delays.Waits.Count >= 4)
            {
                stop.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => test.Client.TranscribeAsync(
            new TranscriptionRequest(AudioUpload.FromBytes(WavTestData.Create(1), "a.wav")), progress, stop.Token));

        Assert.Equal(TaskPoller.FirstInterval, test.Delays.Waits[0]);
        Assert.All(test.Delays.Waits.Skip(1), wait => Assert.Equal(TimeSpan.FromSeconds(3), wait));
    }

    [Fact]
    public async Task WithoutRetryAfterTheIntervalGrowsToItsBound()
    {
        var test = emulator.CreateClient();
        emulator.AddFault(new FaultSpec { Match = "/v1/audio/*", Kind = FaultKind.AsyncTask, TaskDelayMs = 600_000 });
        using var stop = new CancellationTokenSource();
        var progress = new RecordingProgress(p =>
        {
            if (p.Stage == TranscriptionStage.WaitingForTask && test.Delays.Waits.Count >= 12)
            {
                stop.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => test.Client.TranscribeAsync(
            new TranscriptionRequest(AudioUpload.FromBytes(WavTestData.Create(1), "a.wav")), progress, stop.Token));

        IReadOnlyList<TimeSpan> waits = test.Delays.Waits;
        Assert.Equal(waits.Order(), waits);
        Assert.Equal(TaskPoller.MaxInterval, waits[^1]);
    }

    [Fact]
    public async Task TheTimeoutBoundsTheWholeCallPollingIncluded()
    {
        var test = emulator.CreateClient(options =>
        {
            options.Delay = Task.Delay;
            options.Timeout = TimeSpan.FromSeconds(1.5);
        });
        emulator.AddFault(new FaultSpec { Match = "/v1/audio/*", Kind = FaultKind.AsyncTask, TaskDelayMs = 600_000 });

        var error = await Assert.ThrowsAsync<TokenLabTimeoutException>(() => test.Client.TranscribeAsync(
            new TranscriptionRequest(AudioUpload.FromBytes(WavTestData.Create(1), "a.wav")), null, CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(1.5), error.Timeout);
        Assert.Contains("ldtask_", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APollThatFailsTransientlyIsRetriedLikeAnyCall()
    {
        var test = emulator.CreateClient();
        emulator.AddFault(new FaultSpec { Match = "/v1/audio/*", Kind = FaultKind.AsyncTask, TaskDelayMs = 0 });
        emulator.AddFault(new FaultSpec { Match = "/v1/tasks/*", Status = 503 });

        Transcript transcript = (await test.Client.TranscribeAsync(
            new TranscriptionRequest(AudioUpload.FromBytes(WavTestData.Create(1), "a.wav")), null, CancellationToken.None)).Value;

        Assert.NotEmpty(transcript.Text);
        Assert.Equal([503, 200], emulator.Requests.Skip(1).Select(r => r.StatusCode));
    }
}
