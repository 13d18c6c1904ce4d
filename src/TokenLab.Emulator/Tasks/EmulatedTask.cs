using System.Text.Json.Nodes;

namespace TokenLab.Emulator.Tasks;

/// <summary>
/// An accepted asynchronous task. Its state follows the clock: pending for the first half of its delay,
/// processing for the second, then its outcome.
/// </summary>
internal sealed class EmulatedTask(string id, string ownerKey, string model, DateTimeOffset created, TimeSpan delay, TaskOutcome outcome, JsonNode result)
{
    public string Id { get; } = id;

    /// <summary>The key that created the task; only it may read the task.</summary>
    public string OwnerKey { get; } = ownerKey;

    /// <summary>Seconds for the Retry-After header of non-terminal polls; null for none.</summary>
    public int? RetryAfterSeconds { get; init; }

    public string PollUrl => "/v1/tasks/" + Id;

    public bool IsTerminal(DateTimeOffset now) => now - created >= delay;

    /// <summary>The task as <c>GET /v1/tasks/{id}</c> shows it at <paramref name="now"/>.</summary>
    public JsonObject Describe(DateTimeOffset now)
    {
        var elapsed = now - created;
        var status = elapsed >= delay ? (outcome == TaskOutcome.Completed ? "completed" : "failed")
            : elapsed >= delay / 2 ? "processing"
            : "pending";
        var body = new JsonObject
        {
            ["id"] = Id,
            ["task_id"] = Id,
            ["object"] = "task",
            ["status"] = status,
            ["poll_url"] = PollUrl,
            ["model"] = model,
            ["created"] = created.ToUnixTimeSeconds(),
            ["updated"] = (elapsed >= delay ? created + delay : now).ToUnixTimeSeconds(),
            ["progress"] = status switch { "pending" => 0, "processing" => 50, _ => 100 },
            ["cancelled"] = false,
        };

        if (status == "completed")
        {
            body["result"] = result.DeepClone();
        }
        else if (status == "failed" && outcome == TaskOutcome.Cancelled)
        {
            body["cancelled"] = true;
            body["cancellation_status"] = "cancelled";
            body["error"] = new JsonObject { ["message"] = "The task was cancelled before it finished.", ["code"] = "task_cancelled" };
        }
        else if (status == "failed")
        {
            body["error"] = new JsonObject { ["message"] = "The upstream model could not process the audio.", ["code"] = "upstream_error" };
        }

        return body;
    }
}
