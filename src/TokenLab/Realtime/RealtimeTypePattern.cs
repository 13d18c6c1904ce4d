using System;
using System.Collections.Generic;
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
        // Event types are ASCII: names without wildcards compare ordinally, which costs far less per event
        // than PowerShell's culture-aware wildcard matching.
        private readonly HashSet<string> names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly WildcardPattern[] patterns;

        public RealtimeTypePattern(string[] patterns)
        {
            var wildcards = new List<WildcardPattern>();
            foreach (string pattern in patterns.SelectMany(p => new[] { p, RealtimeEventTypes.ToGaName(p) }))
            {
                if (!WildcardPattern.ContainsWildcardCharacters(pattern))
                {
                    names.Add(pattern);
                }
                else
                {
                    wildcards.Add(WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant));
                }
            }

            this.patterns = wildcards.ToArray();
        }

        public bool Matches(RealtimeEvent received) =>
            names.Contains(received.Type) || names.Contains(received.GaType) ||
            patterns.Any(p => p.IsMatch(received.Type) || p.IsMatch(received.GaType));
    }
}
