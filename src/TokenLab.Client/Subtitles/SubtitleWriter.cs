using System.Collections.Generic;
using System.Text;
using TokenLab.Client.Transcription;

namespace TokenLab.Client.Subtitles
{
    /// <summary>
    /// Renders segments as SubRip or WebVTT: one cue per segment, times to the millisecond, "\n" line
    /// ends, a blank line between cues.
    /// </summary>
    public static class SubtitleWriter
    {
        /// <summary>SubRip: numbered cues from 1, <c>00:00:01,500</c> times.</summary>
        public static string ToSrt(IReadOnlyList<TranscriptSegment> segments) => Write(segments, header: null, numbered: true, ',');

        /// <summary>WebVTT: the <c>WEBVTT</c> header, then cues with <c>00:00:01.500</c> times.</summary>
        public static string ToVtt(IReadOnlyList<TranscriptSegment> segments) => Write(segments, header: "WEBVTT", numbered: false, '.');

        private static string Write(IReadOnlyList<TranscriptSegment> segments, string? header, bool numbered, char millisecondSeparator)
        {
            var text = new StringBuilder();
            if (header is not null)
            {
                text.Append(header).Append('\n');
            }

            for (int index = 0; index < segments.Count; index++)
            {
                TranscriptSegment segment = segments[index];
                if (index > 0 || header is not null)
                {
                    text.Append('\n');
                }

                if (numbered)
                {
                    text.Append(index + 1).Append('\n');
                }

                text.Append(SubtitleTime.Format(segment.Start, millisecondSeparator)).Append(" --> ")
                    .Append(SubtitleTime.Format(segment.End, millisecondSeparator)).Append('\n')
                    .Append(CueText(segment.Text)).Append('\n');
            }

            return text.ToString();
        }

        /// <summary>A blank line would end the cue early, so line breaks inside a segment collapse to single ones.</summary>
        private static string CueText(string text)
        {
            var lines = new List<string>();
            foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
            {
                if (line.Trim().Length > 0)
                {
                    lines.Add(line.Trim());
                }
            }

            return string.Join("\n", lines);
        }
    }
}
