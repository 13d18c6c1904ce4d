using Microsoft.AspNetCore.Http.Features;

namespace TokenLab.Emulator.Faults;

/// <summary>Runs the rest of the pipeline into a buffer, so a fault can deliver the real response its own way.</summary>
internal static class ResponseCapture
{
    public static async Task<byte[]> RunAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var buffer = new MemoryStream();

        // A body feature without a prior feature: nothing reaches the socket, and the response does not start.
        var capture = new StreamResponseBodyFeature(buffer);
        context.Features.Set<IHttpResponseBodyFeature>(capture);
        try
        {
            await next(context);
            await capture.CompleteAsync();
        }
        finally
        {
            context.Features.Set(original);
        }

        return buffer.ToArray();
    }
}
