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

    /// <summary>Set by an async-task fault: an audio upload is answered with an accepted task shaped by this spec.</summary>
    public FaultSpec? AcceptAsTask { get; set; }
    /// <summary>The JSON body the endpoint parsed, for the request log; null when it read none.</summary>
    public string? Body { get; set; }

    public static EmulatorRequestContext Get(HttpContext context) =>
        context.Features.Get<EmulatorRequestContext>()
        ?? throw new InvalidOperationException("RequestContextMiddleware must run before any emulator component.");
}
