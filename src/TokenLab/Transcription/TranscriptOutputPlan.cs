using System.IO;
using System.Text;
using TokenLab.Client.IO;
using TokenLab.Client.Transcription;

namespace TokenLab.PowerShell.Transcription
{
    /// <summary>
    /// Where transcripts are saved (-OutFile for one input, -OutDirectory for many, named after each input),
    /// in which -As format, and how: atomically, never over an existing file without -Force.
    /// </summary>
    internal sealed class TranscriptOutputPlan
    {
        private static readonly Encoding Utf8WithoutBom = new UTF8Encoding(false);

        private readonly string? outFile;
        private readonly string? outDirectory;

        public TranscriptOutputPlan(string? outFile, string? outDirectory, string format, bool force)
        {
            this.outFile = outFile;
            this.outDirectory = outDirectory;
            Format = format;
            Force = force;
        }

        /// <summary>The -As format.</summary>
        public string Format { get; }

        public bool Force { get; }

        /// <summary>True with -OutDirectory: an input whose transcript is already there is skipped.</summary>
        public bool SkipsExisting => outDirectory is not null && !Force;

        public bool SavesToOneFile => outFile is not null;

        /// <summary>The file for <paramref name="input"/>'s transcript; null when nothing is saved.</summary>
        public string? TargetFor(AudioInput input) =>
            outFile ?? (outDirectory is null ? null : Path.Combine(outDirectory, Path.GetFileNameWithoutExtension(input.FileName) + TranscriptFileFormat.Extension(Format)));

        /// <summary>
        /// Writes the transcript in full or not at all; creates the -OutDirectory folder when needed. <paramref name="replaceOutdated"/>
        /// replaces a saved transcript older than its recording without -Force.
        /// </summary>
        /// <exception cref="OutputFileExistsException">The file exists and neither -Force nor <paramref name="replaceOutdated"/> was given.</exception>
        public void Write(string path, Transcript transcript, bool replaceOutdated)
        {
            string? folder = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            byte[] content = Utf8WithoutBom.GetBytes(TranscriptFileFormat.Render(transcript, Format));
            using (AtomicFileWriter writer = AtomicFileWriter.Create(path, Force || replaceOutdated))
            {
                writer.Stream.Write(content, 0, content.Length);
                writer.Commit();
            }
        }

        /// <summary>The transcript a previous run saved at <paramref name="path"/>.</summary>
        /// <exception cref="InvalidDataException">The file is not valid in the -As format.</exception>
        public Transcript ReadExisting(string path) => TranscriptFileFormat.Read(File.ReadAllText(path, Encoding.UTF8), Format);
    }
}
