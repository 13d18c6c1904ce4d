using System;

namespace TokenLab.Client.Realtime
{
    /// <summary>Bounds of a realtime session; the defaults suit scripts and runbooks.</summary>
    public sealed class RealtimeSessionOptions
    {
        /// <summary>Events received but not yet read, at most; the socket is not read while the buffer is full.</summary>
        public int MaxBufferedEvents { get; set; } = 1024;

        /// <summary>Bytes of events received but not yet read (messages plus decoded audio), at most.</summary>
        public long MaxBufferedBytes { get; set; } = 8 * 1024 * 1024;

        /// <summary>A larger server message closes the session with 1009 (message too big).</summary>
        public int MaxMessageBytes { get; set; } = 16 * 1024 * 1024;

        /// <summary>How often a keep-alive frame goes out on an otherwise quiet connection.</summary>
        public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(20);

        internal void Validate()
        {
            if (MaxBufferedEvents < 1 || MaxBufferedBytes < 1 || MaxMessageBytes < 1024)
            {
                throw new TokenLabConfigurationException("Realtime buffer bounds must be positive (MaxMessageBytes at least 1024).");
            }

            if (KeepAliveInterval <= TimeSpan.Zero)
            {
                throw new TokenLabConfigurationException("KeepAliveInterval must be positive.");
            }
        }
    }
}
