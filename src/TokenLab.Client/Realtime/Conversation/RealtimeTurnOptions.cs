using System;

namespace TokenLab.Client.Realtime
{
    /// <summary>Where a turn's reply audio goes, and who hears about its events as they happen.</summary>
    public sealed class RealtimeTurnOptions
    {
        /// <summary>The WAV file (24 kHz mono 16-bit PCM) for the reply audio; null not to keep it.</summary>
        public string? OutFile { get; set; }

        /// <summary>Replaces an existing <see cref="OutFile"/>.</summary>
        public bool Overwrite { get; set; }

        /// <summary>Called with a line for each event sent and received (types and IDs only, never audio), on the turn's thread.</summary>
        public Action<string>? Trace { get; set; }

        /// <summary>Called with each server error event during the turn; the turn goes on unless the error is about its response.create.</summary>
        public Action<RealtimeError>? ErrorReceived { get; set; }
    }
}
