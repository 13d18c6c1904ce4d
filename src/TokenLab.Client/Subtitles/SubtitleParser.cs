using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TokenLab.Client.Transcription;

namespace TokenLab.Client.Subtitles
{
    /// <summary>
    /// Reads SubRip and WebVTT into segments, tolerantly: CRLF or LF, a byte order mark, cue numbers or
    /// identifiers (optional), WebVTT cue settings after the times, and NOTE, STYLE and REGION blocks.
    /// </summary>
    public static class SubtitleParser
    {
        private const string Arrow = "-->";

        /// <summary>The cues of a SubRip file as segments numbered from 0.</summary>
        /// <exception cref="InvalidDataException">A cue has no valid time line.</exception>
        public static IReadOnlyList<TranscriptSegment> ParseSrt(string text) => Parse(text, isVtt: false);

        /// <summary>The cues of a WebVTT file as segments numbered from 0.</summary>
        /// <exception cref="InvalidDataException">The WEBVTT header is missing, or a cue has no valid time line.</exception>
        public static IReadOnlyList<TranscriptSegment> ParseVtt(string text) => Parse(text, isVtt: true);

        /// <summary>A transcript whose text is the cues' text joined by spaces.</summary>
        internal static Transcript ToTranscript(IReadOnlyList<TranscriptSegment> segments) =>
            new Transcript(string.Join(" ", segments.Select(s => s.Text.Replace('\n', ' '))), segments);

        private static IReadOnlyList<TranscriptSegment> Parse(string text, bool isVtt)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            List<List<string>> blocks = Blocks(text.TrimStart('\uFEFF'));
            if (isVtt)
            {
                if (blocks.Count == 0 || !blocks[0][0].StartsWith("WEBVTT", StringComparison.Ordinal))
                {
                    throw new InvalidDataException("The WebVTT text does not start with WEBVTT.");
                }

                blocks.RemoveAt(0);
            }

            var segments = new List<TranscriptSegment>();
            foreach (List<string> block in blocks)
            {
                if (isVtt && IsMetadataBlock(block[0]))
                {
                    continue;
                }

                int timeLine = block.FindIndex(line => line.Contains(Arrow));
                if (timeLine < 0 || timeLine > 1)
                {
                    throw new InvalidDataException("A subtitle cue has no time line: '" + block[0] + "'.");
                }

                (TimeSpan start, TimeSpan end) = ParseTimes(block[timeLine]);
                segments.Add(new TranscriptSegment(segments.Count, start, end, string.Join("\n", block.Skip(timeLine + 1).Select(l => l.Trim()))));
            }

            return segments;
        }

        private static (TimeSpan Start, TimeSpan End) ParseTimes(string line)
        {
            int arrow = line.IndexOf(Arrow, StringComparison.Ordinal);
            string startText = line.Substring(0, arrow);

            // WebVTT cue settings ("align:start") follow the end time after a space.
            string endText = line.Substring(arrow + Arrow.Length).Trim().Split(' ', '\t')[0];
            if (!SubtitleTime.TryParse(startText, out TimeSpan start) || !SubtitleTime.TryParse(endText, out TimeSpan end))
            {
                throw new InvalidDataException("A subtitle time line is not valid: '" + line + "'.");
            }

            return (start, end);
        }

        private static bool IsMetadataBlock(string firstLine) =>
            firstLine.StartsWith("NOTE", StringComparison.Ordinal)
            || firstLine.StartsWith("STYLE", StringComparison.Ordinal)
            || firstLine.StartsWith("REGION", StringComparison.Ordinal);

        /// <summary>Runs of non-blank lines.</summary>
        private static List<List<string>> Blocks(string text)
        {
            var blocks = new List<List<string>>();
            List<string>? current = null;
            foreach (string line in text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n'))
            {
                if (line.Trim().Length == 0)
                {
                    current = null;
                    continue;
                }

                if (current is null)
                {
                    current = new List<string>();
                    blocks.Add(current);
                }

                current.Add(line);
            }

            return blocks;
        }
    }
}
