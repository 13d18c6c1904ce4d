using System.Text.Json;
using TokenLab.Client.Transcription;

namespace TokenLab.Client.Tests.Transcription;

/// <summary>The undocumented shapes a finished task may take are all read.</summary>
public sealed class TaskSnapshotTests
{
    [Theory]
    [InlineData("""{"status":"completed","result":{"text":"Hello there."}}""")]
    [InlineData("""{"status":"succeeded","output":{"text":"Hello there."}}""")]
    [InlineData("""{"status":"completed","result":"Hello there.\n"}""")]
    [InlineData("""{"id":"ldtask_1","status":"COMPLETED","text":"Hello there.","model":"whisper-1"}""")]
    public void ACompletedTaskHoldsItsTranscriptInAnyOfTheseShapes(string json)
    {
        TaskSnapshot snapshot = Read(json, TranscriptFormat.Text);

        Assert.True(snapshot.IsCompleted);
        Assert.Equal("Hello there.", snapshot.Transcript!.Text);
        Assert.False(snapshot.Transcript.AdditionalFields.ContainsKey("model"));
    }

    [Fact]
    public void ACompletedTaskWithoutATranscriptIsAProtocolError() =>
        Assert.Throws<InvalidDataException>(() => Read("""{"status":"completed"}""", TranscriptFormat.Json));

    [Theory]
    [InlineData("""{"status":"failed","error":"boom"}""", false, null, "boom")]
    [InlineData("""{"status":"failed","cancelled":true,"error":{"message":"stopped","code":"task_cancelled"}}""", true, "task_cancelled", "stopped")]
    [InlineData("""{"status":"canceled"}""", true, null, null)]
    public void FailedAndCancelledTasksCarryTheirError(string json, bool cancelled, string? code, string? message)
    {
        TaskSnapshot snapshot = Read(json, TranscriptFormat.Json);

        Assert.True(snapshot.IsFailed);
        Assert.Equal(cancelled, snapshot.Cancelled);
        Assert.Equal(code, snapshot.ErrorCode);
        Assert.Equal(message, snapshot.ErrorMessage);
    }

    [Fact]
    public void UnknownStatusesKeepThePollingGoing()
    {
        TaskSnapshot snapshot = Read("""{"status":"queued","progress":10}""", TranscriptFormat.Json);

        Assert.False(snapshot.IsCompleted);
        Assert.False(snapshot.IsFailed);
        Assert.Equal(10, snapshot.Percent);
    }

    private static TaskSnapshot Read(string json, TranscriptFormat format)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return TaskSnapshot.Read(document.RootElement, format);
    }
}
