namespace TokenLab.Client.Realtime
{
    /// <summary>The life of a realtime session. It only moves forward: a closed session is never reopened.</summary>
    public enum RealtimeSessionState
    {
        /// <summary>The WebSocket handshake is under way.</summary>
        Connecting,

        /// <summary>Events flow both ways.</summary>
        Open,

        /// <summary>The client sent its close frame and waits for the server's.</summary>
        Closing,

        /// <summary>Closed: see CloseStatus, CloseDescription and CloseReason.</summary>
        Closed,
    }
}
