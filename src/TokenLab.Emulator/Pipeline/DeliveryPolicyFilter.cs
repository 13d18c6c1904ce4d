namespace TokenLab.Emulator.Pipeline;

/// <summary>
/// For the generation routes that take <c>X-TokenLab-Delivery-Policy</c> (speech, transcriptions, translations):
/// the contract answers a value other than auto, verified or official with 400, as a strict service would.
/// </summary>
internal sealed class DeliveryPolicyFilter : IEndpointFilter
{
    public const string Header = "X-TokenLab-Delivery-Policy";

    private static readonly string[] Policies = ["auto", "verified", "official"];

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!context.HttpContext.Request.Headers.TryGetValue(Header, out var values) || values.All(value => Policies.Contains(value, StringComparer.Ordinal)))
        {
            return next(context);
        }

        return ValueTask.FromResult<object?>(ApiErrors.Result(StatusCodes.Status400BadRequest, new ApiError(
            $"Invalid {Header} '{values}'. Use one of: {string.Join(", ", Policies)}.", "invalid_request_error", "invalid_value") { Param = Header }));
    }
}
