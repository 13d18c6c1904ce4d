using TokenLab.Emulator.Pipeline;

namespace TokenLab.Emulator.Auth;

/// <summary>For inference routes: a valid key is required, and a missing one gets the documented 401 body.</summary>
internal sealed class RequireApiKeyFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        EmulatorRequestContext.Get(context.HttpContext).ApiKey.Status == ApiKeyStatus.Valid
            ? next(context)
            : ValueTask.FromResult<object?>(ApiErrors.Result(StatusCodes.Status401Unauthorized, ApiErrors.InvalidApiKey()));
}
