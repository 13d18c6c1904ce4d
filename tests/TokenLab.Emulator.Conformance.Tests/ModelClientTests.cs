using System.ClientModel;
using OpenAI.Models;

namespace TokenLab.Emulator.Conformance.Tests;

/// <summary>OpenAIModelClient against GET /v1/models and /v1/models/{model}.</summary>
public sealed class ModelClientTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private readonly OpenAIModelClient _client = new(emulator.Key, emulator.ClientOptions());

    [Fact]
    public async Task ListsTheCatalogAsTypedModels()
    {
        OpenAIModelCollection models = await _client.GetModelsAsync();

        Assert.Contains(models, model => model.Id == "tts-1" && model.OwnedBy == "openai");
        Assert.Contains(models, model => model.Id == "whisper-1");
        Assert.Contains(models, model => model.Id == "gpt-realtime");
        Assert.All(models, model => Assert.True(model.CreatedAt.Year >= 2015, model.Id + " has no creation time"));
    }

    [Fact]
    public async Task GetsOneModel()
    {
        OpenAIModel model = await _client.GetModelAsync("whisper-1");

        Assert.Equal("whisper-1", model.Id);
        Assert.Equal("openai", model.OwnedBy);
        Assert.True(model.CreatedAt.Year >= 2015);
    }

    [Fact]
    public async Task AnUnknownModelIsA404TheSdkRaises()
    {
        var failure = await Assert.ThrowsAsync<ClientResultException>(() => _client.GetModelAsync("whisper-9"));

        Assert.Equal(404, failure.Status);
        Assert.Contains("model_not_found", failure.Message, StringComparison.Ordinal);
    }
}
