namespace TokenLab.Client.Realtime
{
    /// <summary>Why a realtime session closed.</summary>
    public enum RealtimeCloseReason
    {
        /// <summary>The client closed it (CloseAsync), normally with 1000.</summary>
        ClosedByClient,

        /// <summary>The server sent a close frame first; its status and description are kept.</summary>
        ClosedByServer,

        /// <summary>The connection ended without a close frame (network loss, a dropped connection): status 1006.</summary>
        ConnectionLost,
    }
}
