using System.Linq;
using System.Management.Automation;
using TokenLab.Client.Realtime;

namespace TokenLab.PowerShell.Realtime
{
    /// <summary>
    /// Event type patterns of -Type and -Until: wildcards, case-insensitive, matched against the type as
    /// received and its GA name, so response.output_audio.delta also finds beta's response.audio.delta
    /// (and a beta name given finds the GA event).
    /// </summary>
    internal sealed class RealtimeTypePattern
    {
        private readonly WildcardPattern[] patterns;

        public RealtimeTypePattern(string[] patterns)
        {
            this.patterns = patterns
                .SelectMany(p => new[] { p, RealtimeEventTypes.ToGaName(p) })
                .Distinct()
                .Select(p => WildcardPattern.Get(p, WildcardOptions.IgnoreCase))
                .ToArray();
        }

        public bool Matches(RealtimeEvent received) =>
            patterns.Any(p => p.IsMatch(received.Type) || p.IsMatch(received.GaType));
    }
}
