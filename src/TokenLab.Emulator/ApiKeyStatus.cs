namespace TokenLab.Emulator;

/// <summary>What the Authorization header of a request amounted to.</summary>
public enum ApiKeyStatus
{
    /// <summary>No Authorization header.</summary>
    None,

    /// <summary>A Bearer key the emulator was configured with.</summary>
    Valid,

    /// <summary>Any other Authorization header.</summary>
    Invalid,
}
