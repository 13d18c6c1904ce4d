using TokenLab.Emulator.Pipeline;

namespace TokenLab.Emulator.Auth;

/// <summary>
/// For inference routes (audio, tasks): a valid key is required, and a missing one gets the same documented
/// 401 body as an invalid one.
/// </summary>
internal sealed class RequireApiKeyFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        EmulatorRequestContext.Get(context.HttpContext).ApiKey.Status == ApiKeyStatus.Valid
            ? next(context)
            : ValueTask.FromResult<object?>(ApiErrors.Result(StatusCodes.Status401Unauthorized, ApiErrors.InvalidApiKey()));
}
