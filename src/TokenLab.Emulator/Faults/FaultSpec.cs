using System.Text;
using System.Text.Json.Serialization;
using TokenLab.Emulator.Tasks;

namespace TokenLab.Emulator.Faults;

/// <summary>
/// One injected failure, as JSON in <c>POST /_emulator/faults</c> or the <c>X-TokenLab-Emulator-Fault</c> header.
/// Unknown JSON properties are rejected so a misspelt field fails loudly instead of being ignored.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record FaultSpec
{
    // RFC 6455 5.5.1: a close frame's body is a 2-byte status plus at most 123 bytes of reason.
    private const int MaxCloseDescriptionBytes = 123;

    /// <summary>Request path pattern; '*' matches any run of characters. Null matches every API path.</summary>
    public string? Match { get; init; }

    /// <summary>HTTP method to match; null matches any.</summary>
    public string? Method { get; init; }

    /// <summary>How many requests the queued fault applies to; 0 means until cleared. Ignored for header faults.</summary>
    public int Count { get; init; } = 1;

    /// <summary>
    /// Matches only requests whose raw body contains this text (ordinal), to break one item of a batch, for
    /// example the speech request whose input has a given word. Null matches any body.
    /// </summary>
    public string? BodyContains { get; init; }

    public FaultKind Kind { get; init; } = FaultKind.Status;

    /// <summary>Status for <see cref="FaultKind.Status"/>; 500 when omitted.</summary>
    public int? Status { get; init; }

    /// <summary><c>error.type</c>; defaults per status follow TokenLab's error guide.</summary>
    public string? Type { get; init; }

    /// <summary><c>error.code</c>; an empty string leaves the field out.</summary>
    public string? Code { get; init; }

    public string? Message { get; init; }

    public string? Param { get; init; }

    public string? DidYouMean { get; init; }

    public bool? Retryable { get; init; }

    /// <summary>Seconds for the Retry-After header.</summary>
    public int? RetryAfter { get; init; }

    /// <summary>Seconds for <c>error.retry_after</c>.</summary>
    public double? RetryAfterBody { get; init; }

    public IReadOnlyList<ValidationIssue>? ValidationErrors { get; init; }

    public RequestIdPlacement RequestId { get; init; } = RequestIdPlacement.Body;

    /// <summary>Leaves <c>error.type</c> out, as one documented 503 example does.</summary>
    public bool OmitType { get; init; }

    /// <summary>A body sent verbatim instead of the JSON error (an HTML page from a proxy, say).</summary>
    public string? RawBody { get; init; }

    /// <summary>Content type of <see cref="RawBody"/>; text/plain when omitted.</summary>
    public string? ContentType { get; init; }

    /// <summary>Delay before anything happens, for every kind.</summary>
    public int LatencyMs { get; init; }

    /// <summary>Pace of <see cref="FaultKind.Drip"/>; 1024 bytes per second when omitted.</summary>
    public int? DripBytesPerSecond { get; init; }

    /// <summary>The WebSocket close status of <see cref="FaultKind.Close"/>; 1011 (internal error) when omitted.</summary>
    public int? CloseStatus { get; init; }

    /// <summary>The close description of <see cref="FaultKind.Close"/> (at most 123 UTF-8 bytes).</summary>
    public string? CloseDescription { get; init; }

    /// <summary>
    /// For <see cref="FaultKind.Close"/> and <see cref="FaultKind.Disconnect"/>: the event type (sent by either
    /// side) after which the fault strikes, e.g. <c>response.done</c>; null strikes right after <c>session.created</c>.
    /// </summary>
    public string? AfterEvent { get; init; }

    /// <summary>How long an <see cref="FaultKind.AsyncTask"/> task takes to finish; 1000 ms when omitted.</summary>
    public int? TaskDelayMs { get; init; }

    /// <summary>How an <see cref="FaultKind.AsyncTask"/> task ends; completed when omitted.</summary>
    public TaskOutcome? TaskOutcome { get; init; }

    /// <summary>The problems that make this spec unusable; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Count < 0)
        {
            problems.Add("count must be 0 (until cleared) or more.");
        }

        if (Status is < 200 or > 599)
        {
            problems.Add("status must be between 200 and 599.");
        }

        if (LatencyMs is < 0 or > 600_000)
        {
            problems.Add("latencyMs must be between 0 and 600000.");
        }

        if (TaskDelayMs is < 0 or > 600_000)
        {
            problems.Add("taskDelayMs must be between 0 and 600000.");
        }

        if (DripBytesPerSecond is <= 0)
        {
            problems.Add("dripBytesPerSecond must be positive.");
        }

        if (RetryAfter is < 0 || RetryAfterBody is < 0)
        {
            problems.Add("retryAfter and retryAfterBody must not be negative.");
        }

        if (BodyContains is { Length: 0 })
        {
            problems.Add("bodyContains must not be empty; omit it to match any body.");
        }

        if (Match is { Length: 0 })
        {
            problems.Add("match must not be empty; omit it to match every path.");
        }

        if (CloseStatus is { } closeStatus && !IsSendableCloseStatus(closeStatus))
        {
            problems.Add("closeStatus must be 1000-1003, 1007-1014 or 3000-4999 (1004-1006 and 1015 are never sent on the wire).");
        }

        if (CloseDescription is { } description && Encoding.UTF8.GetByteCount(description) > MaxCloseDescriptionBytes)
        {
            problems.Add($"closeDescription must be at most {MaxCloseDescriptionBytes} UTF-8 bytes.");
        }

        if ((CloseStatus is not null || CloseDescription is not null || AfterEvent is not null) && Kind is not (FaultKind.Close or FaultKind.Disconnect))
        {
            problems.Add("closeStatus, closeDescription and afterEvent apply only to the kinds close and disconnect.");
        }

        return problems;
    }

    private static bool IsSendableCloseStatus(int status) =>
        status is (>= 1000 and <= 1003) or (>= 1007 and <= 1014) or (>= 3000 and <= 4999);

    internal bool Matches(string method, string path, string? body) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (Match is null || WildcardPattern.IsMatch(Match, path))
        && (BodyContains is null || (body is not null && body.Contains(BodyContains, StringComparison.Ordinal)));
}
