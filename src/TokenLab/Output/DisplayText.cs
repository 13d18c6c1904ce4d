using System;
using System.Globalization;
using TokenLab.PowerShell.Infrastructure;

namespace TokenLab.PowerShell.Output
{
    /// <summary>
    /// How the default views (TokenLab.Format.ps1xml) show values, kept in one place so every view agrees:
    /// sizes as "53.5 KB", durations as "00:01:05.2", positions in audio to the millisecond ("00:00:01.140").
    /// </summary>
    public static class DisplayText
    {
        /// <summary>A byte count as people read it: "512 B", "53.5 KB", "1.3 MB".</summary>
        public static string Size(long bytes) => ByteSizeText.Format(bytes);

        /// <summary>A duration as hours, minutes, seconds and tenths ("00:01:05.2"); empty when there is none.</summary>
        public static string Duration(TimeSpan? duration) => duration is TimeSpan value ? Clock(value, 1) : string.Empty;

        /// <summary>A position in audio (a segment's or word's start or end) to the millisecond: "00:00:01.140".</summary>
        public static string Offset(TimeSpan offset) => Clock(offset, 3);

        /// <summary>
        /// What a realtime event carries, in a few words: the size of its audio, its text or transcript, the
        /// status and usage of a response, or the session or item it is about.
        /// </summary>
        public static string EventDetail(TokenLabRealtimeEvent received)
        {
            if (received.AudioBytes is byte[] audio)
            {
                return Size(audio.Length) + " of audio";
            }

            if (received.Delta != null)
            {
                return "\"" + received.Delta + "\"";
            }

            string? detail = received.Transcript ?? received.Text;
            if (detail != null)
            {
                return detail;
            }

            if (received.ResponseStatus != null)
            {
                return received.Usage is null ? received.ResponseStatus : received.ResponseStatus + ", " + received.Usage;
            }

            return (received.Type.StartsWith("session.", StringComparison.Ordinal) ? received.SessionId : received.ItemId) ?? string.Empty;
        }

        // Rounded, not cut, to the last digit shown; hours are never folded into days.
        private static string Clock(TimeSpan value, int decimals)
        {
            long unitsPerSecond = (long)Math.Pow(10, decimals);
            long units = (long)Math.Round(value.Ticks / (double)(TimeSpan.TicksPerSecond / unitsPerSecond), MidpointRounding.AwayFromZero);
            long seconds = units / unitsPerSecond;
            return (seconds / 3600).ToString("00", CultureInfo.InvariantCulture)
                + ":" + (seconds / 60 % 60).ToString("00", CultureInfo.InvariantCulture)
                + ":" + (seconds % 60).ToString("00", CultureInfo.InvariantCulture)
                + "." + (units % unitsPerSecond).ToString(new string('0', decimals), CultureInfo.InvariantCulture);
        }
    }
}
