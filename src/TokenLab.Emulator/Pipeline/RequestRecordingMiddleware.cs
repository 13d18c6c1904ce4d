using Microsoft.Net.Http.Headers;
using TokenLab.Emulator.Auth;

namespace TokenLab.Emulator.Pipeline;

/// <summary>Adds each API request to the <see cref="RequestLog"/>, and its outcome once it ends.</summary>
internal sealed class RequestRecordingMiddleware(RequestDelegate next, RequestLog log, TimeProvider time)
{
    private static readonly string[] RecordedHeaders =
    [
        HeaderNames.UserAgent,
        HeaderNames.ContentType,
        HeaderNames.Accept,
        "X-TokenLab-Delivery-Policy",
        Faults.FaultInjectionMiddleware.FaultHeader,
    ];

    public async Task InvokeAsync(HttpContext context)
    {
        var request = EmulatorRequestContext.Get(context);
        var entry = log.Begin(sequence => new RecordedRequest
        {
            Sequence = sequence,
            Timestamp = time.GetUtcNow(),
            Method = context.Request.Method,
            Path = context.Request.Path.Value ?? "/",
            Query = context.Request.QueryString.Value ?? string.Empty,
            RequestId = request.RequestId,
            Headers = SelectHeaders(context.Request.Headers),
            ApiKeyStatus = request.ApiKey.Status,
        });

        try
        {
            await next(context);
        }
        finally
        {
            log.Complete(entry.Sequence, time.GetUtcNow(), request.AppliedFault, context.Response.HasStarted ? context.Response.StatusCode : null, request.Body);
        }
    }

    private static Dictionary<string, string> SelectHeaders(IHeaderDictionary headers)
    {
        var selected = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (headers.Authorization.Count > 0)
        {
            selected[HeaderNames.Authorization] = CredentialMask.MaskAuthorization(headers.Authorization.ToString());
        }

        foreach (var name in RecordedHeaders)
        {
            if (headers.TryGetValue(name, out var value))
            {
                selected[name] = value.ToString();
            }
        }

        return selected;
    }
}
