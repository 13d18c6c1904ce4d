using TokenLab.Emulator.Pipeline;

namespace TokenLab.Emulator.Auth;

/// <summary>
/// For public routes (the catalog, realtime metadata): no key is needed, but a key that is sent must be
/// valid, as TokenLab validates any key it receives.
/// </summary>
internal sealed class RejectInvalidApiKeyFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        EmulatorRequestContext.Get(context.HttpContext).ApiKey.Status == ApiKeyStatus.Invalid
            ? ValueTask.FromResult<object?>(ApiErrors.Result(StatusCodes.Status401Unauthorized, ApiErrors.InvalidApiKey()))
            : next(context);
}
