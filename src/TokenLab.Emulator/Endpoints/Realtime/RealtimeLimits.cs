namespace TokenLab.Emulator.Endpoints.Realtime;

/// <summary>The bounds that keep a realtime session's memory and work finite, whatever a client sends or asks for.</summary>
internal static class RealtimeLimits
{
    /// <summary>Open sessions at once; another handshake gets a 429.</summary>
    public const int MaxConcurrentSessions = 32;

    /// <summary>A client message larger than this closes the session with 1009 (message too big).</summary>
    public const int MaxClientMessageBytes = 16 * 1024 * 1024;

    /// <summary>The protocol's limit for the audio of one <c>input_audio_buffer.append</c>.</summary>
    public const int MaxAppendAudioBytes = 15 * 1024 * 1024;

    /// <summary>Items kept per conversation; older ones are forgotten.</summary>
    public const int MaxConversationItems = 1000;

    /// <summary>The longest reply a response may ask for with <c>emulator_audio_ms</c> (50 minutes, 144 MB of PCM).</summary>
    public const int MaxReplyAudioMs = 50 * 60 * 1000;

    /// <summary>The bounds of <c>emulator_chunk_ms</c>, the audio per delta event.</summary>
    public const int MinChunkMs = 5;

    public const int MaxChunkMs = 1000;

    /// <summary>Audio per delta event unless a response asks otherwise.</summary>
    public const int DefaultChunkMs = 100;

    /// <summary>How long the service keeps a session (reported as <c>expires_at</c>; the emulator does not end it).</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromMinutes(60);

    /// <summary>How often the emulator's side of a session sends a keep-alive frame.</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(30);

    /// <summary>How long the emulator waits for the client's close frame after sending its own.</summary>
    public static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);
}
