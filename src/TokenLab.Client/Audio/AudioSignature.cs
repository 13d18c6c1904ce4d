using System;
using System.IO;
using System.Text;

namespace TokenLab.Client.Audio
{
    /// <summary>
    /// Tells from the first bytes of a file whether it can be the audio its extension names: empty files, files too
    /// short for any audio, text and other files renamed to .wav or .mp3 are found before anything is uploaded.
    /// Lenient where real files vary (an ID3 tag before FLAC, MPEG audio in a RIFF wrapper).
    /// </summary>
    public static class AudioSignature
    {
        /// <summary>How many bytes <see cref="Problem"/> looks at.</summary>
        public const int HeadLength = 12;

        /// <summary>Null when <paramref name="head"/> (the first bytes, up to <see cref="HeadLength"/>) fits <paramref name="fileName"/>'s extension; else why not.</summary>
        public static string? Problem(string fileName, byte[] head)
        {
            if (head is null)
            {
                throw new ArgumentNullException(nameof(head));
            }

            if (head.Length == 0)
            {
                return "it is empty.";
            }

            if (head.Length < HeadLength)
            {
                return "it has only " + head.Length + " bytes, too few for any audio file.";
            }

            string extension = (Path.GetExtension(fileName) ?? string.Empty).ToLowerInvariant();
            bool fits = extension switch
            {
                ".wav" => (HasTag(head, 0, "RIFF") || HasTag(head, 0, "RF64") || HasTag(head, 0, "BW64")) && HasTag(head, 8, "WAVE"),
                ".flac" => HasTag(head, 0, "fLaC") || HasTag(head, 0, "ID3"),
                ".mp3" or ".mpga" => IsMpegAudio(head),
                ".mpeg" => IsMpegAudio(head) || (head[0] == 0 && head[1] == 0 && head[2] == 1 && (head[3] == 0xBA || head[3] == 0xB3)),
                ".mp4" or ".m4a" => HasTag(head, 4, "ftyp") || HasTag(head, 4, "moov") || HasTag(head, 4, "mdat") || HasTag(head, 4, "free") || HasTag(head, 4, "wide"),
                ".ogg" => HasTag(head, 0, "OggS"),
                ".webm" => head[0] == 0x1A && head[1] == 0x45 && head[2] == 0xDF && head[3] == 0xA3,
                _ => true,
            };
            return fits ? null : "its first bytes are not those of " + extension.TrimStart('.').ToUpperInvariant() + " audio" + (LooksLikeText(head) ? " (it looks like text)." : ".");
        }

        /// <summary>An ID3 tag, an MPEG frame sync, or a RIFF wrapper.</summary>
        private static bool IsMpegAudio(byte[] head) =>
            HasTag(head, 0, "ID3") || (head[0] == 0xFF && (head[1] & 0xE0) == 0xE0) || HasTag(head, 0, "RIFF");

        private static bool LooksLikeText(byte[] head)
        {
            foreach (byte b in head)
            {
                if (b < 0x09 || (b > 0x0D && b < 0x20) || b == 0x7F)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool HasTag(byte[] head, int offset, string tag) =>
            string.CompareOrdinal(Encoding.ASCII.GetString(head, offset, tag.Length), tag) == 0;
    }
}
