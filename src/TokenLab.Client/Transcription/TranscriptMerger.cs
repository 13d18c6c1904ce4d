using System;
using System.Collections.Generic;
using System.Linq;
using TokenLab.Client.Audio;

namespace TokenLab.Client.Transcription
{
    /// <summary>
    /// Joins the transcripts of a split file's parts into one: segment and word times moved by each part's
    /// offset, segments numbered again from 0, texts joined, the duration the whole file's.
    /// </summary>
    internal static class TranscriptMerger
    {
        public static Transcript Merge(IReadOnlyList<Transcript> transcripts, IReadOnlyList<AudioPart> parts)
        {
            if (transcripts.Count == 0 || transcripts.Count != parts.Count)
            {
                throw new ArgumentException("Every part needs its transcript.", nameof(transcripts));
            }

            var segments = new List<TranscriptSegment>();
            var words = new List<TranscriptWord>();
            for (int i = 0; i < transcripts.Count; i++)
            {
                TimeSpan offset = parts[i].Offset;
                foreach (TranscriptSegment segment in transcripts[i].Segments)
                {
                    segments.Add(segment.Shift(offset, segments.Count));
                }

                foreach (TranscriptWord word in transcripts[i].Words)
                {
                    words.Add(word.Shift(offset));
                }
            }

            Transcript first = transcripts[0];
            AudioPart last = parts[parts.Count - 1];
            return new Transcript(string.Join(" ", transcripts.Select(t => t.Text.Trim()).Where(text => text.Length > 0)), segments, words)
            {
                Task = transcripts.Select(t => t.Task).FirstOrDefault(task => task is not null),
                Language = transcripts.Select(t => t.Language).FirstOrDefault(language => language is not null),
                Duration = last.Offset + last.Duration,
                Format = first.Format,
                AdditionalFields = first.AdditionalFields,
            };
        }
    }
}
