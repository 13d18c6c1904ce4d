namespace TokenLab.Emulator.Faults;

/// <summary>Where a response exposes its request ID. TokenLab clients must cope with each.</summary>
public enum RequestIdPlacement
{
    /// <summary>X-Request-ID header, and <c>error.request_id</c> in error bodies (the default).</summary>
    Body,

    /// <summary>Only the X-Request-ID header.</summary>
    Header,

    /// <summary>Only an <c>x-request-id-tokenlab</c> header (read by TokenLab's own MCP client as a fallback).</summary>
    LegacyHeader,

    /// <summary>Nowhere.</summary>
    None,
}
