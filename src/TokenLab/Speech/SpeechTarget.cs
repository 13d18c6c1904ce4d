using System.Collections.Generic;
using System.IO;
using TokenLab.Client.Speech;

namespace TokenLab.PowerShell.Speech
{
    /// <summary>
    /// Where the audio of some of an item's requests goes: a file (one request, -Split parts joined, or
    /// one numbered part of a format that cannot be joined), or the pipeline (-AsByteStream).
    /// </summary>
    internal sealed class SpeechTarget
    {
        private SpeechTarget(string? path, IReadOnlyList<string> texts, int? part)
        {
            Path = path;
            Texts = texts;
            Part = part;
        }

        /// <summary>The file's full path; null for the pipeline.</summary>
        public string? Path { get; }

        /// <summary>The texts of the requests whose audio goes here, in order.</summary>
        public IReadOnlyList<string> Texts { get; }

        /// <summary>The 1-based number of a numbered part file; null otherwise.</summary>
        public int? Part { get; }

        /// <summary>The text spoken here.</summary>
        public string Text => string.Join(" ", Texts);

        /// <summary>The file(s) for an item saved at <paramref name="path"/>: "name.part1.opus", … when parts cannot be joined.</summary>
        public static IReadOnlyList<SpeechTarget> ForFile(string path, SpeechItem item)
        {
            if (item.Parts.Count == 1 || SpeechFormat.CanJoin(item.Format))
            {
                return new[] { new SpeechTarget(path, item.Parts, null) };
            }

            string folder = System.IO.Path.GetDirectoryName(path) ?? string.Empty;
            string name = System.IO.Path.GetFileNameWithoutExtension(path);
            string extension = System.IO.Path.GetExtension(path);
            var targets = new List<SpeechTarget>();
            for (int i = 0; i < item.Parts.Count; i++)
            {
                string partPath = System.IO.Path.Combine(folder, name + ".part" + (i + 1) + extension);
                targets.Add(new SpeechTarget(partPath, new[] { item.Parts[i] }, i + 1));
            }

            return targets;
        }

        /// <summary>The pipeline, for all of an item's requests.</summary>
        public static SpeechTarget ForPipeline(SpeechItem item) => new SpeechTarget(null, item.Parts, null);

        /// <summary>True when the target is a file that exists.</summary>
        public bool FileExists => Path is not null && File.Exists(Path);

        /// <summary>
        /// True when the file exists but holds nothing: what a power cut can leave of a file whose bytes had not
        /// reached the disk (files are renamed into place, not forced to disk). It is generated again, not skipped.
        /// </summary>
        public bool HoldsEmptyFile => Path is not null && new FileInfo(Path) is { Exists: true, Length: 0 };
    }
}
