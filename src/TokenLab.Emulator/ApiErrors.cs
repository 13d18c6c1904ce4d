using System.Text.Json.Nodes;
using TokenLab.Emulator.Faults;
using TokenLab.Emulator.Pipeline;

namespace TokenLab.Emulator;

/// <summary>
/// An error in TokenLab's documented body shape: <c>{"error":{message, type, code, ...}}</c>, plus the
/// top-level <c>validation_errors</c> of the 400 ValidationError variant.
/// </summary>
internal sealed record ApiError(string Message, string? Type, string? Code)
{
    public string? Param { get; init; }

    public string? DidYouMean { get; init; }

    public bool? Retryable { get; init; }

    /// <summary>Seconds, as <c>error.retry_after</c>.</summary>
    public double? RetryAfter { get; init; }

    public IReadOnlyList<ValidationIssue>? ValidationErrors { get; init; }
}

/// <summary>Builds and writes the documented error bodies.</summary>
internal static class ApiErrors
{
    /// <summary>The type, code and message TokenLab uses for a status when nothing more specific applies.</summary>
    public static ApiError ForStatus(int status) => status switch
    {
        400 => new("Invalid request", "invalid_request_error", "invalid_request_error"),
        401 => InvalidApiKey(),
        402 => new("Insufficient balance. Please top up your account.", "insufficient_balance", "insufficient_balance"),
        403 => new("This API key is not allowed to use the requested model.", "permission_error", "model_not_allowed"),
        404 => new("The requested resource was not found.", "not_found_error", "not_found"),
        413 => new("Input size exceeds maximum allowed", "invalid_request_error", "payload_too_large"),
        429 => new("Rate limit: 1000 rpm exceeded", "rate_limit_exceeded", "rate_limit_exceeded") { Retryable = true },
        500 => new("An internal error occurred", "server_error", "server_error"),
        502 => new("Upstream provider returned an error", "upstream_error", "upstream_error"),
        503 => new("All available channels failed to process the request", "all_channels_failed", "all_channels_failed") { Retryable = true },
        504 => new("The upstream provider timed out", "timeout_error", "timeout_error"),
        >= 500 => new("An internal error occurred", "server_error", "server_error"),
        _ => new("Invalid request", "invalid_request_error", "invalid_request_error"),
    };

    /// <summary>The documented 401 body: <c>{"message":"Invalid API key provided","type":"invalid_api_key","code":"invalid_api_key"}</c>.</summary>
    public static ApiError InvalidApiKey() => new("Invalid API key provided", "invalid_api_key", "invalid_api_key");

    /// <summary>The 404 of <c>GET /v1/models/{model}</c>, with the closest known ID as <c>did_you_mean</c>.</summary>
    public static ApiError ModelNotFound(string model, string? didYouMean) =>
        new($"Model '{model}' not found", "invalid_request_error", "model_not_found") { DidYouMean = didYouMean };

    public static ApiError RouteNotFound(string method, string path) =>
        new($"No route for {method} {path}", "not_found_error", "not_found");

    /// <summary>The 400 ValidationError: the first issue summarised in <c>error</c>, all of them in <c>validation_errors</c>.</summary>
    public static ApiError Validation(IReadOnlyList<ValidationIssue> issues) =>
        new($"{issues[0].Field}: {issues[0].Message}", "invalid_request_error", null)
        {
            Param = issues[0].Field,
            ValidationErrors = issues,
        };

    public static IResult Result(int status, ApiError error) => new ErrorResult(status, error);

    public static Task WriteAsync(HttpContext context, int status, ApiError error)
    {
        var body = new JsonObject { ["message"] = error.Message };
        AddIfPresent(body, "type", error.Type);
        AddIfPresent(body, "code", error.Code);
        AddIfPresent(body, "param", error.Param);
        AddIfPresent(body, "did_you_mean", error.DidYouMean);
        if (error.Retryable is bool retryable)
        {
            body["retryable"] = retryable;
        }

        if (error.RetryAfter is double retryAfter)
        {
            body["retry_after"] = retryAfter;
        }

        var request = EmulatorRequestContext.Get(context);
        if (request.RequestIdPlacement == RequestIdPlacement.Body)
        {
            body["request_id"] = request.RequestId;
        }

        var document = new JsonObject { ["error"] = body };
        if (error.ValidationErrors is { } issues)
        {
            document["validation_errors"] = new JsonArray(issues.Select(ToJson).ToArray());
        }

        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync<JsonNode>(document, EmulatorJson.Options, context.RequestAborted);
    }

    private static JsonNode ToJson(ValidationIssue issue)
    {
        var item = new JsonObject { ["field"] = issue.Field, ["message"] = issue.Message };
        AddIfPresent(item, "code", issue.Code);
        return item;
    }

    // An empty string leaves the field out, so a fault can reproduce documented bodies that lack e.g. "code".
    private static void AddIfPresent(JsonObject target, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            target[name] = value;
        }
    }

    private sealed class ErrorResult(int status, ApiError error) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, status, error);
    }
}
