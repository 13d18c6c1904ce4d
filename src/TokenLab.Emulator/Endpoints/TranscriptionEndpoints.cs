using System.Text.Json.Nodes;
using TokenLab.Emulator.Auth;
using TokenLab.Emulator.Catalog;
using TokenLab.Emulator.Faults;
using TokenLab.Emulator.Pipeline;
using TokenLab.Emulator.Tasks;
using TokenLab.Emulator.Transcription;

namespace TokenLab.Emulator.Endpoints;

/// <summary>
/// <c>POST /v1/audio/transcriptions</c> and <c>POST /v1/audio/translations</c>: multipart uploads, validated as
/// TokenLab does, answered in the requested format, or with an accepted task when an async-task fault asks.
/// </summary>
internal static class TranscriptionEndpoints
{
    private const int DefaultTaskDelayMs = 1000;

    public static void Map(IEndpointRouteBuilder routes)
    {
        var audio = routes.MapGroup("/v1/audio").AddEndpointFilter<RequireApiKeyFilter>().AddEndpointFilter<DeliveryPolicyFilter>();
        audio.MapPost("/transcriptions", (HttpContext context, ModelCatalog catalog, TaskStore tasks) => HandleAsync(context, AudioOperation.Transcribe, catalog, tasks));
        audio.MapPost("/translations", (HttpContext context, ModelCatalog catalog, TaskStore tasks) => HandleAsync(context, AudioOperation.Translate, catalog, tasks));
    }

    private static async Task<IResult> HandleAsync(HttpContext context, AudioOperation operation, ModelCatalog catalog, TaskStore tasks)
    {
        var request = EmulatorRequestContext.Get(context);
        var (form, problem) = await TranscriptionFormReader.ReadAsync(context.Request, context.RequestAborted);
        if (form is null)
        {
            return ApiErrors.Result(StatusCodes.Status400BadRequest, new ApiError(problem!, "invalid_request_error", "invalid_multipart") { Param = TranscriptionFormReader.FilePart });
        }

        using (form)
        {
            var (job, status, error) = TranscriptionValidator.Validate(operation, form, catalog, request.ApiKey);
            if (job is null)
            {
                return ApiErrors.Result(status, error!);
            }

            if (await AudioInspector.InspectAsync(job.Audio, context.RequestAborted) is not { } facts)
            {
                return ApiErrors.Result(StatusCodes.Status400BadRequest, new ApiError(
                    $"The audio in '{job.Audio.FileName}' could not be decoded; it may be corrupted or not the format its extension says.",
                    "invalid_request_error",
                    "invalid_audio") { Param = TranscriptionFormReader.FilePart });
            }

            var language = operation == AudioOperation.Translate ? LanguageNames.English : LanguageNames.FromIsoCode(job.Language);
            var transcript = TranscriptComposer.Compose(facts.SpokenText, facts.Hash, facts.Duration, language);
            var billingId = BillingIds.New();
            context.Response.Headers[BillingIds.Header] = billingId;
            return request.EndpointFault is { Kind: FaultKind.AsyncTask } taskSpec
                ? Accept(context, tasks.Create(
                    request.ApiKey.Key!,
                    job.Model.Id,
                    TimeSpan.FromMilliseconds(taskSpec.TaskDelayMs ?? DefaultTaskDelayMs),
                    taskSpec.TaskOutcome ?? TaskOutcome.Completed,
                    taskSpec.RetryAfter,
                    TranscriptRenderer.RenderAsTaskResult(transcript, job)))
                : Answer(transcript, job, billingId);
        }
    }

    private static IResult Answer(EmulatedTranscript transcript, TranscriptionJob job, string billingId)
    {
        var (body, contentType) = TranscriptRenderer.Render(transcript, job);
        if (contentType == TranscriptRenderer.JsonContentType)
        {
            var json = JsonNode.Parse(body)!.AsObject();
            json["billing_transaction_id"] = billingId;
            body = json.ToJsonString(EmulatorJson.Options);
        }

        return Results.Text(body, contentType);
    }

    private static IResult Accept(HttpContext context, EmulatedTask task)
    {
        context.Response.Headers["X-Task-ID"] = task.Id;
        return Results.Json<JsonNode>(
            new JsonObject { ["id"] = task.Id, ["task_id"] = task.Id, ["status"] = "pending", ["poll_url"] = task.PollUrl },
            EmulatorJson.Options);
    }
}
