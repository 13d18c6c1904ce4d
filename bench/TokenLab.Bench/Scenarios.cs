using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using TokenLab.Client;

namespace TokenLab.Bench;

/// <summary>The calls compared: a small catalog call and the full list, each made the same three ways.</summary>
internal static class Scenarios
{
    private const string ModelId = "tts-1";

    public static Scenario Detail(Uri baseUri, HttpClient http, TokenLabClient client, ModuleRunspace shell) => new(
        $"GET /v1/models/{ModelId}: one model's details",
        $"v1/models/{ModelId}",
        BatchSize: 100,
        [
            new CallWay("bare HttpClient + JsonDocument", () => BareHttp.GetModelsAsync(http, $"v1/models/{ModelId}")),
            new CallWay("TokenLabClient.GetModelAsync", async () =>
            {
                await client.GetModelAsync(ModelId, CancellationToken.None).ConfigureAwait(false);
                return 1;
            }),
            new CallWay($"Get-TokenLabModel -Id {ModelId} (runspace)", () =>
                ValueTask.FromResult(shell.Invoke("Get-TokenLabModel", ("Id", ModelId), ("BaseUri", baseUri.AbsoluteUri)))),
            // PowerShell's own cost of running any command from a host, which no module can go below.
            new CallWay("Write-Output (runspace; PowerShell's floor)", () =>
                ValueTask.FromResult(shell.Invoke("Write-Output", ("InputObject", ModelId)))),
        ]);

    public static Scenario List(Uri baseUri, HttpClient http, TokenLabClient client, ModuleRunspace shell) => new(
        "GET /v1/models: the full list",
        "v1/models",
        BatchSize: 25,
        [
            new CallWay("bare HttpClient + JsonDocument", () => BareHttp.GetModelsAsync(http, "v1/models")),
            new CallWay("TokenLabClient.ListModelsAsync", async () =>
                (await client.ListModelsAsync(new ModelListQuery(), CancellationToken.None).ConfigureAwait(false)).Value.Count),
            new CallWay("Get-TokenLabModel (runspace)", () =>
                ValueTask.FromResult(shell.Invoke("Get-TokenLabModel", ("BaseUri", baseUri.AbsoluteUri)))),
        ]);
}
