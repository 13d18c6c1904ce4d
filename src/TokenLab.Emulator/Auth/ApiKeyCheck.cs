using TokenLab.Emulator.Catalog;

namespace TokenLab.Emulator.Auth;

/// <summary>The outcome of checking one request's Authorization header.</summary>
internal sealed class ApiKeyCheck
{
    public static readonly ApiKeyCheck Anonymous = new(ApiKeyStatus.None, null, null);
    public static readonly ApiKeyCheck Rejected = new(ApiKeyStatus.Invalid, null, null);

    public ApiKeyCheck(ApiKeyStatus status, string? key, IReadOnlySet<string>? allowedModels)
    {
        Status = status;
        Key = key;
        AllowedModels = allowedModels;
    }

    public ApiKeyStatus Status { get; }

    /// <summary>The accepted key; null unless <see cref="Status"/> is Valid.</summary>
    public string? Key { get; }

    /// <summary>Model IDs or aliases the key is limited to; null means unrestricted.</summary>
    public IReadOnlySet<string>? AllowedModels { get; }

    /// <summary>Whether the key's model permissions include the model (TokenLab filters the catalog by them).</summary>
    public bool Allows(CatalogModel model) =>
        AllowedModels is null || AllowedModels.Contains(model.Id) || model.Aliases.Any(AllowedModels.Contains);
}
