using TokenLab.Emulator.Auth;
using TokenLab.Emulator.Faults;

namespace TokenLab.Emulator.Pipeline;

/// <summary>Per-request state shared by the middleware and the endpoints.</summary>
internal sealed class EmulatorRequestContext(string requestId, ApiKeyCheck apiKey)
{
    public string RequestId { get; } = requestId;

    public ApiKeyCheck ApiKey { get; } = apiKey;

    /// <summary>Where the request ID is exposed; a fault may move or hide it.</summary>
    public RequestIdPlacement RequestIdPlacement { get; set; } = RequestIdPlacement.Body;

    /// <summary>The fault applied to this request: a queued fault's ID, "header", or null.</summary>
    public string? AppliedFault { get; set; }

    /// <summary>
    /// A fault the endpoint applies itself, set by the fault middleware: a close or disconnect inside the realtime
    /// session this request opens, or an async-task answer to an audio upload. Null for none.
    /// </summary>
    public FaultSpec? EndpointFault { get; set; }

    /// <summary>The JSON body the endpoint parsed, for the request log; null when it read none.</summary>
    public string? Body { get; set; }

    public static EmulatorRequestContext Get(HttpContext context) =>
        context.Features.Get<EmulatorRequestContext>()
        ?? throw new InvalidOperationException("RequestContextMiddleware must run before any emulator component.");
}
