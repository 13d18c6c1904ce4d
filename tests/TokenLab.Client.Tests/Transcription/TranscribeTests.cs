using TokenLab.Client.Tests.Infrastructure;
using TokenLab.Client.Transcription;
using TokenLab.Emulator.Faults;

namespace TokenLab.Client.Tests.Transcription;

/// <summary>TokenLabClient.TranscribeAsync against the emulator: upload, reply formats, progress, validation.</summary>
public sealed class TranscribeTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture emulator;

    public TranscribeTests(EmulatorFixture emulator)
    {
        this.emulator = emulator;
        emulator.Reset();
    }

    [Theory]
    [InlineData(TranscriptFormat.Json, false)]
    [InlineData(TranscriptFormat.Text, false)]
    [InlineData(TranscriptFormat.Srt, true)]
    [InlineData(TranscriptFormat.Vtt, true)]
    [InlineData(TranscriptFormat.VerboseJson, true)]
    public async Task EveryFormatGivesTheSameTextAndTheTimedOnesTheSameSegments(TranscriptFormat format, bool timed)
    {
        var test = emulator.CreateClient();
        var audio = AudioUpload.FromBytes(WavTestData.Create(12), "meeting.wav");
        Transcript reference = (await test.Client.TranscribeAsync(new TranscriptionRequest(audio) { ResponseFormat = TranscriptFormat.VerboseJson }, null, CancellationToken.None)).Value;

        Transcript transcript = (await test.Client.TranscribeAsync(new TranscriptionRequest(audio) { ResponseFormat = format }, null, CancellationToken.None)).Value;

        Assert.Equal(reference.Text, transcript.Text);
        Assert.Equal(format, transcript.Format);
        if (timed)
        {
            Assert.Equal(reference.Segments.Select(s => (s.Id, s.Start, s.End, s.Text)), transcript.Segments.Select(s => (s.Id, s.Start, s.End, s.Text)));
        }
        else
        {
            Assert.Empty(transcript.Segments);
        }
    }

    [Fact]
    public async Task VerboseJsonFillsEveryFieldAndKeepsUnknownOnes()
    {
        var test = emulator.CreateClient();
        var request = new TranscriptionRequest(AudioUpload.FromBytes(WavTestData.Create(6), "a.wav"))
        {
            ResponseFormat = TranscriptFormat.VerboseJson,
            TimestampGranularities = [TimestampGranularity.Word, TimestampGranularity.Segment],
            Language = "de",
        };

        TokenLabResponse<Transcript> response = await test.Client.TranscribeAsync(request, null, CancellationToken.None);
        Transcript transcript = response.Value;

        Assert.Equal("transcribe", transcript.Task);
        Assert.Equal("german", transcript.Language);
        Assert.Equal(TimeSpan.FromSeconds(6), transcript.Duration);
        Assert.Equal(TimeSpan.FromSeconds(6), transcript.Segments[^1].End);
        Assert.Equal(transcript.Text.Split(' ').Length, transcript.Words.Count);
        Assert.False(transcript.Segments[0].Text.StartsWith(' '));
        Assert.Equal(-0.21, transcript.Segments[0].AvgLogprob);
        Assert.NotEmpty(transcript.Segments[0].Tokens);
        var usage = Assert.IsType<Dictionary<string, object?>>(transcript.AdditionalFields["usage"]);
        Assert.Equal("duration", usage["type"]);
        Assert.False(transcript.AdditionalFields.ContainsKey("billing_transaction_id"));
        Assert.StartsWith("btx_", response.Metadata.BillingTransactionId, StringComparison.Ordinal);
        Assert.Equal(emulator.Requests[0].RequestId, response.Metadata.RequestId);
    }

    [Fact]
    public async Task TheUploadIsMultipartToTheRightRouteWithTheModelAlwaysSent()
    {
        var test = emulator.CreateClient();

        await test.Client.TranscribeAsync(new TranscriptionRequest(AudioUpload.FromBytes(WavTestData.Create(1), "a.wav")) { Translate = true }, null, CancellationToken.None);
        await test.Client.TranscribeAsync(new TranscriptionRequest(AudioUpload.FromBytes(WavTestData.Create(1), "a.wav")) { Model = "gpt-4o-transcribe" }, null, CancellationToken.None);

        Assert.Equal(["/v1/audio/translations", "/v1/audio/transcriptions"], emulator.Requests.Select(r => r.Path));
        Assert.All(emulator.Requests, r => Assert.StartsWith("multipart/form-data; boundary=", r.Headers["Content-Type"], StringComparison.Ordinal));
        Assert.All(emulator.Requests, r => Assert.Equal(200, r.StatusCode));
    }

    [Fact]
    public async Task ARetryOpensTheAudioAgainAndReportsTheUploadFromTheStart()
    {
        var test = emulator.CreateClient();
        emulator.AddFault(new FaultSpec { Match = "/v1/audio/*", Status = 503 });
        byte[] audio = WavTestData.Create(2);
        int opened = 0;
        var upload = new AudioUpload("a.wav", audio.Length, () =>
        {
            opened++;
            return new MemoryStream(audio);
        });
        var progress = new RecordingProgress();

        await test.Client.TranscribeAsync(new TranscriptionRequest(upload), progress, CancellationToken.None);

        Assert.Equal(2, opened);
        Assert.Equal(2, emulator.Requests.Count);
        var stages = progress.Reports.Select(p => p.Stage).ToList();
        Assert.Equal(2, stages.Count(s => s == TranscriptionStage.Processing));
        Assert.Equal(TranscriptionStage.Completed, stages[^1]);
        Assert.Equal(2, progress.Reports.Count(p => p.Stage == TranscriptionStage.Uploading && p.BytesSent == 0));
        Assert.Contains(progress.Reports, p => p.Stage == TranscriptionStage.Uploading && p.BytesSent == audio.Length && p.TotalBytes == audio.Length);
    }

    [Fact]
    public async Task ProgressGoesFromUploadingThroughProcessingToCompleted()
    {
        var test = emulator.CreateClient();
        var progress = new RecordingProgress();

        await test.Client.TranscribeAsync(new TranscriptionRequest(AudioUpload.FromBytes(WavTestData.Create(8), "a.wav")), progress, CancellationToken.None);

        var stages = progress.Reports.Select(p => p.Stage).Distinct().ToList();
        Assert.Equal([TranscriptionStage.Uploading, TranscriptionStage.Processing, TranscriptionStage.Completed], stages);
        var sent = progress.Reports.Where(p => p.Stage == TranscriptionStage.Uploading).Select(p => p.BytesSent).ToList();
        Assert.Equal(sent.Order(), sent);
        Assert.All(progress.Reports, p => Assert.Equal(1, p.PartCount));
    }

    [Fact]
    public async Task ASeekableStreamIsRewoundForEachAttemptAndLeftOpen()
    {
        var test = emulator.CreateClient();
        emulator.AddFault(new FaultSpec { Match = "/v1/audio/*", Status = 502 });
        using var stream = new MemoryStream([0, 0, 0, .. WavTestData.Create(1)]);
        stream.Position = 3;

        Transcript transcript = (await test.Client.TranscribeAsync(new TranscriptionRequest(AudioUpload.FromSeekableStream(stream, "s.wav")), null, CancellationToken.None)).Value;

        Assert.NotEmpty(transcript.Text);
        Assert.True(stream.CanRead);
    }

    [Theory]
    [InlineData("notes.txt", false, null, false)]
    [InlineData("a.wav", true, "de", false)]
    [InlineData("a.wav", false, null, true)]
    public async Task RequestsTheApiWouldRefuseAreRefusedBeforeSending(string fileName, bool translate, string? language, bool granularitiesWithJson)
    {
        var test = emulator.CreateClient();
        var request = new TranscriptionRequest(AudioUpload.FromBytes(WavTestData.Create(1), fileName))
        {
            Translate = translate,
            Language = language,
            TimestampGranularities = granularitiesWithJson ? [TimestampGranularity.Word] : [],
        };

        await Assert.ThrowsAsync<ArgumentException>(() => test.Client.TranscribeAsync(request, null, CancellationToken.None));
        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public async Task AudioOver25MBIsRefusedBeforeSending()
    {
        var test = emulator.CreateClient();
        var upload = new AudioUpload("big.wav", AudioFormats.MaxUploadBytes + 1, () => throw new InvalidOperationException("must not be opened"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => test.Client.TranscribeAsync(new TranscriptionRequest(upload), null, CancellationToken.None));

        Assert.Contains("25 MB", error.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public async Task TheServersRefusalIsAnApiErrorWithItsParameter()
    {
        var test = emulator.CreateClient();

        var error = await Assert.ThrowsAsync<TokenLabApiException>(() => test.Client.TranscribeAsync(
            new TranscriptionRequest(AudioUpload.FromBytes(WavTestData.Create(1), "a.wav")) { Model = "gpt-4o-transcribe", ResponseFormat = TranscriptFormat.Srt },
            null,
            CancellationToken.None));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("response_format", error.Param);
        Assert.Single(emulator.Requests);
    }

    [Fact]
    public async Task CancellingMidUploadStopsAtOnce()
    {
        var test = emulator.CreateClient(options => options.Timeout = TimeSpan.FromMinutes(5));
        emulator.AddFault(new FaultSpec { Match = "/v1/audio/*", Kind = FaultKind.Latency, LatencyMs = 120_000 });
        using var cancel = new CancellationTokenSource();
        var progress = new RecordingProgress(p =>
        {
            if (p.Stage == TranscriptionStage.Uploading && p.BytesSent > 0)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => test.Client.TranscribeAsync(
            new TranscriptionRequest(AudioUpload.FromBytes(new byte[20_000_000], "big.wav")), progress, cancel.Token));

        Assert.DoesNotContain(progress.Reports, p => p.Stage == TranscriptionStage.Completed);
    }
}
