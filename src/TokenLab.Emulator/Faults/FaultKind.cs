namespace TokenLab.Emulator.Faults;

/// <summary>How a fault breaks a request.</summary>
public enum FaultKind
{
    /// <summary>Answer with an error status and body (documented JSON error, or <see cref="FaultSpec.RawBody"/>).</summary>
    Status,

    /// <summary>Drop the connection before any response byte.</summary>
    Reset,

    /// <summary>Send the real response with its full Content-Length, then close the connection after about half the body.</summary>
    Truncate,

    /// <summary>Send the real response slowly, a few bytes at a time.</summary>
    Drip,

    /// <summary>Send 200 headers, then no body until the client gives up.</summary>
    Stall,

    /// <summary>Only wait <see cref="FaultSpec.LatencyMs"/>, then send the real response.</summary>
    Latency,

    /// <summary>
    /// A realtime session: the server closes the WebSocket with <see cref="FaultSpec.CloseStatus"/> and
    /// <see cref="FaultSpec.CloseDescription"/> once <see cref="FaultSpec.AfterEvent"/> has passed.
    /// </summary>
    Close,

    /// <summary>A realtime session: the connection is dropped without a close frame once <see cref="FaultSpec.AfterEvent"/> has passed.</summary>
    Disconnect,

    /// <summary>
    /// On the audio upload routes: validate as usual, then answer with an accepted task (<c>id</c>, <c>status</c>,
    /// <c>poll_url</c>, no <c>text</c>) that reaches <see cref="FaultSpec.TaskOutcome"/> after <see cref="FaultSpec.TaskDelayMs"/>.
    /// Other routes answer normally.
    /// </summary>
    AsyncTask,
}
