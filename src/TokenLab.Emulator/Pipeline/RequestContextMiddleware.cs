using System.Globalization;
using TokenLab.Emulator.Auth;
using TokenLab.Emulator.Faults;

namespace TokenLab.Emulator.Pipeline;

/// <summary>
/// Gives every request its ID and API-key check, and stamps the response headers TokenLab sends:
/// X-Request-ID (or the legacy name, or nothing, as a fault dictates) and X-RateLimit-*.
/// </summary>
internal sealed class RequestContextMiddleware(RequestDelegate next, ApiKeyRegistry keys, RateLimitTracker rateLimits, TimeProvider time)
{
    private const string LegacyRequestIdHeader = "x-request-id-tokenlab";

    public Task InvokeAsync(HttpContext context)
    {
        var apiKey = keys.Check(context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null);
        var request = new EmulatorRequestContext(RequestIds.New(time), apiKey);
        context.Features.Set(request);
        var rateLimit = rateLimits.Count(apiKey.Key ?? "anonymous");

        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            switch (request.RequestIdPlacement)
            {
                case RequestIdPlacement.Body or RequestIdPlacement.Header:
                    headers["X-Request-ID"] = request.RequestId;
                    break;
                case RequestIdPlacement.LegacyHeader:
                    headers[LegacyRequestIdHeader] = request.RequestId;
                    break;
            }

            var remaining = context.Response.StatusCode == StatusCodes.Status429TooManyRequests ? 0 : rateLimit.Remaining;
            headers["X-RateLimit-Limit"] = rateLimit.Limit.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Reset"] = rateLimit.ResetUnixSeconds.ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });

        return next(context);
    }
}
