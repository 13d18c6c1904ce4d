using System.Globalization;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using TokenLab.Emulator.Pipeline;

namespace TokenLab.Emulator.Faults;

/// <summary>
/// Applies the fault chosen for a request: the one in its <see cref="FaultHeader"/> header, else the first
/// matching queued fault. Requests without a fault pass straight through.
/// </summary>
internal sealed class FaultInjectionMiddleware(RequestDelegate next, FaultQueue queue, IHostApplicationLifetime lifetime)
{
    public const string FaultHeader = "X-TokenLab-Emulator-Fault";

    private const int DefaultDripBytesPerSecond = 1024;
    private static readonly TimeSpan DripInterval = TimeSpan.FromMilliseconds(100);

    public async Task InvokeAsync(HttpContext context)
    {
        var request = EmulatorRequestContext.Get(context);
        FaultSpec? fault;
        if (context.Request.Headers.TryGetValue(FaultHeader, out var header))
        {
            fault = ParseHeader(header.ToString(), out var problem);
            if (fault is null)
            {
                var error = new ApiError($"{FaultHeader}: {problem}", "invalid_request_error", "invalid_emulator_fault") { Param = FaultHeader };
                await ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, error);
                return;
            }

            request.AppliedFault = "header";
        }
        else
        {
            // An upgrade request's body is the WebSocket stream itself: never read it for bodyContains.
            var body = queue.MatchesOnBody && !context.WebSockets.IsWebSocketRequest ? await ReadBodyAsync(context.Request) : null;
            var queued = queue.TryTake(context.Request.Method, context.Request.Path.Value ?? "/", body);
            fault = queued?.Spec;
            request.AppliedFault = queued?.Id;
        }

        if (fault is null)
        {
            await next(context);
            return;
        }

        request.RequestIdPlacement = fault.RequestId;

        // Stalled and slow responses must end when the client gives up or the emulator stops, never later.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(fault.LatencyMs, stop.Token);
            await ApplyAsync(context, fault, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Cut the connection rather than let Kestrel end the response cleanly, which would look like success.
            context.Abort();
        }
    }

    private Task ApplyAsync(HttpContext context, FaultSpec fault, CancellationToken stop) => fault.Kind switch
    {
        FaultKind.Status => WriteStatusAsync(context, fault),
        FaultKind.Reset => ResetAsync(context),
        FaultKind.Truncate => TruncateAsync(context),
        FaultKind.Drip => DripAsync(context, fault.DripBytesPerSecond ?? DefaultDripBytesPerSecond, stop),
        FaultKind.Stall => StallAsync(context, stop),
        FaultKind.Latency => next(context),
        FaultKind.Close or FaultKind.Disconnect when !context.WebSockets.IsWebSocketRequest => ResetAsync(context),
        FaultKind.Close or FaultKind.Disconnect or FaultKind.AsyncTask => HandToEndpointAsync(context, fault),
        _ => throw new InvalidOperationException($"Unhandled fault kind {fault.Kind}."),
    };

    /// <summary>
    /// Faults that strike inside the endpoint's own work: a realtime close or disconnect (only for a WebSocket
    /// request; any other is dropped like a reset), or an async-task answer (upload routes; others answer normally).
    /// </summary>
    private Task HandToEndpointAsync(HttpContext context, FaultSpec fault)
    {
        EmulatorRequestContext.Get(context).EndpointFault = fault;
        return next(context);
    }

    /// <summary>The body as text for bodyContains, left rewound for the endpoint; at most 1 MiB is read.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request)
    {
        const int MaxBodyChars = 1024 * 1024;
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, leaveOpen: true);
        var buffer = new char[MaxBodyChars];
        var read = await reader.ReadBlockAsync(buffer, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return new string(buffer, 0, read);
    }

    private static FaultSpec? ParseHeader(string json, out string problem)
    {
        try
        {
            var spec = JsonSerializer.Deserialize<FaultSpec>(json, EmulatorJson.Options);
            if (spec is null)
            {
                problem = "expected a JSON object.";
                return null;
            }

            problem = string.Join(" ", spec.Validate());
            return problem.Length == 0 ? spec : null;
        }
        catch (JsonException exception)
        {
            problem = exception.Message;
            return null;
        }
    }

    private static Task WriteStatusAsync(HttpContext context, FaultSpec fault)
    {
        var status = fault.Status ?? StatusCodes.Status500InternalServerError;
        if (fault.RetryAfter is int retryAfter)
        {
            context.Response.Headers[HeaderNames.RetryAfter] = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        if (fault.RawBody is not null)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = fault.ContentType ?? "text/plain; charset=utf-8";
            return context.Response.WriteAsync(fault.RawBody, context.RequestAborted);
        }

        var defaults = ApiErrors.ForStatus(status);
        var error = new ApiError(fault.Message ?? defaults.Message, fault.OmitType ? null : fault.Type ?? defaults.Type, fault.Code ?? defaults.Code)
        {
            Param = fault.Param,
            DidYouMean = fault.DidYouMean,
            Retryable = fault.Retryable ?? defaults.Retryable,
            RetryAfter = fault.RetryAfterBody,
            ValidationErrors = fault.ValidationErrors is { Count: > 0 } issues ? issues : null,
        };
        return ApiErrors.WriteAsync(context, status, error);
    }

    private static Task ResetAsync(HttpContext context)
    {
        context.Abort();
        return Task.CompletedTask;
    }

    private async Task TruncateAsync(HttpContext context)
    {
        var body = await ResponseCapture.RunAsync(context, next);
        var half = body.Length / 2;
        if (half == 0)
        {
            context.Abort();
            return;
        }

        // Declaring the full length and ending early makes Kestrel close the connection once the half is
        // flushed: the client reliably gets headers and half a body, then a premature end.
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body.AsMemory(0, half), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private async Task DripAsync(HttpContext context, int bytesPerSecond, CancellationToken stop)
    {
        var body = await ResponseCapture.RunAsync(context, next);
        context.Response.ContentLength = body.Length;
        var chunk = Math.Max(1, (int)(bytesPerSecond * DripInterval.TotalSeconds));
        for (var offset = 0; offset < body.Length; offset += chunk)
        {
            if (offset > 0)
            {
                await Task.Delay(DripInterval, stop);
            }

            await context.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(chunk, body.Length - offset)), stop);
            await context.Response.Body.FlushAsync(stop);
        }
    }

    private static async Task StallAsync(HttpContext context, CancellationToken stop)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.StartAsync(stop);
        await context.Response.Body.FlushAsync(stop);
        await Task.Delay(Timeout.Infinite, stop);
    }
}
