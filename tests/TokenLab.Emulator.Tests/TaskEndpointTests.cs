using System.Net;
using System.Text.Json;

namespace TokenLab.Emulator.Tests;

public sealed class TaskEndpointTests : IClassFixture<TaskEndpointTests.Fixture>
{
    private readonly Fixture _emulator;
    private readonly HttpClient _client;

    public TaskEndpointTests(Fixture emulator)
    {
        emulator.Reset();
        _emulator = emulator;
        _client = emulator.Client;
    }

    [Fact]
    public async Task AnAcceptedTaskGoesPendingThenProcessingThenCompletedWithTheTranscript()
    {
        var accepted = await AcceptAsync("""{"kind":"async-task","taskDelayMs":1000,"retryAfter":2}""", "verbose_json");
        var id = accepted.GetProperty("id").GetString()!;

        Assert.Matches("^ldtask_[0-9a-f]{32}$", id);
        Assert.Equal("pending", accepted.GetProperty("status").GetString());
        Assert.Equal("/v1/tasks/" + id, accepted.GetProperty("poll_url").GetString());
        Assert.False(accepted.TryGetProperty("text", out _));

        using var pending = await AudioUploads.GetAsync(_client, "/v1/tasks/" + id);
        Assert.Equal("pending", (await pending.ReadJsonAsync()).GetProperty("status").GetString());
        Assert.Equal("2", pending.Header("Retry-After"));
        Assert.Equal(id, pending.Header("X-Task-ID"));

        _emulator.Time.Advance(TimeSpan.FromMilliseconds(600));
        Assert.Equal("processing", (await PollAsync(id)).GetProperty("status").GetString());

        _emulator.Time.Advance(TimeSpan.FromMilliseconds(400));
        using var completed = await AudioUploads.GetAsync(_client, "/v1/tasks/" + id);
        var body = await completed.ReadJsonAsync();
        Assert.Equal("completed", body.GetProperty("status").GetString());
        Assert.False(completed.Headers.Contains("Retry-After"));
        Assert.Equal("transcribe", body.GetProperty("result").GetProperty("task").GetString());
        Assert.Equal(100, body.GetProperty("progress").GetInt32());
    }

    [Fact]
    public async Task TextFormatsCompleteWithAStringResult()
    {
        var id = (await AcceptAsync("""{"kind":"async-task","taskDelayMs":0}""", "srt")).GetProperty("id").GetString()!;

        var result = (await PollAsync(id)).GetProperty("result");

        Assert.Equal(JsonValueKind.String, result.ValueKind);
        Assert.StartsWith("1\n00:00:00,000 --> ", result.GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("failed", false, "upstream_error")]
    [InlineData("cancelled", true, "task_cancelled")]
    public async Task FailedAndCancelledTasksShowAsFailedWithAnError(string outcome, bool cancelled, string code)
    {
        var id = (await AcceptAsync($$"""{"kind":"async-task","taskDelayMs":0,"taskOutcome":"{{outcome}}"}""", "json")).GetProperty("id").GetString()!;

        var body = await PollAsync(id);

        Assert.Equal("failed", body.GetProperty("status").GetString());
        Assert.Equal(cancelled, body.GetProperty("cancelled").GetBoolean());
        Assert.Equal(code, body.GetProperty("error").GetProperty("code").GetString());
        Assert.False(body.TryGetProperty("result", out _));
    }

    [Fact]
    public async Task UnknownTasksAre404AndOtherKeysAre403()
    {
        var id = (await AcceptAsync("""{"kind":"async-task"}""", "json")).GetProperty("id").GetString()!;

        using var unknown = await AudioUploads.GetAsync(_client, "/v1/tasks/ldtask_00000000000000000000000000000000");
        using var other = await AudioUploads.GetAsync(_client, "/v1/tasks/" + id, Fixture.OtherKey);
        using var anonymous = await AudioUploads.GetAsync(_client, "/v1/tasks/" + id, key: null);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("async_task_not_found", (await unknown.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("task_not_owned", (await other.ReadJsonAsync()).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task AQueuedAsyncTaskFaultAppliesToUploadsAndValidationStillComesFirst()
    {
        _emulator.Server.Faults.Add(new Faults.FaultSpec { Match = "/v1/audio/*", Kind = Faults.FaultKind.AsyncTask });
        using var invalid = await AudioUploads.PostAsync(_client, "/v1/audio/transcriptions", AudioUploads.Form(AudioUploads.Wav(1), "a.wav"));

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Empty(_emulator.Server.Faults.Snapshot());
    }

    private async Task<JsonElement> AcceptAsync(string fault, string format)
    {
        using var response = await AudioUploads.PostAsync(_client, "/v1/audio/transcriptions", AudioUploads.Form(
            AudioUploads.Wav(2), "a.wav", ("model", "whisper-1"), ("response_format", format)), fault: fault);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(response.Header("X-Task-ID"), (await response.ReadJsonAsync()).GetProperty("id").GetString());
        return await response.ReadJsonAsync();
    }

    private async Task<JsonElement> PollAsync(string id)
    {
        using var response = await AudioUploads.GetAsync(_client, "/v1/tasks/" + id);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    /// <summary>An emulator on a clock the tests move, and a second key.</summary>
    public sealed class Fixture : EmulatorFixture
    {
        public const string OtherKey = "sk-other-task-owner-k3y";

        public ManualClock Time { get; } = new();

        protected override EmulatorOptions CreateOptions()
        {
            var options = base.CreateOptions();
            options.ApiKeys[OtherKey] = null;
            options.Time = Time;
            return options;
        }
    }
}
