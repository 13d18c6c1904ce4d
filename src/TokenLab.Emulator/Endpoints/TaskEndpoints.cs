using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;
using TokenLab.Emulator.Auth;
using TokenLab.Emulator.Pipeline;
using TokenLab.Emulator.Tasks;

namespace TokenLab.Emulator.Endpoints;

/// <summary><c>GET /v1/tasks/{id}</c>: the state of an accepted task, readable only with the key that created it.</summary>
internal static class TaskEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/v1/tasks/{id}", GetTask).AddEndpointFilter<RequireApiKeyFilter>();

    private static IResult GetTask(HttpContext context, TaskStore tasks, string id)
    {
        if (tasks.Find(id) is not { } task)
        {
            return ApiErrors.Result(StatusCodes.Status404NotFound, new ApiError(
                $"Task '{id}' was not found; it may have expired.", "async_task_not_found", "async_task_not_found"));
        }

        if (task.OwnerKey != EmulatorRequestContext.Get(context).ApiKey.Key)
        {
            return ApiErrors.Result(StatusCodes.Status403Forbidden, new ApiError(
                $"Task '{id}' belongs to another API key.", "permission_error", "task_not_owned"));
        }

        var now = tasks.Now;
        context.Response.Headers["X-Task-ID"] = task.Id;
        if (!task.IsTerminal(now) && task.RetryAfterSeconds is int retryAfter)
        {
            context.Response.Headers[HeaderNames.RetryAfter] = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        return Results.Json<JsonNode>(task.Describe(now), EmulatorJson.Options);
    }
}
