using System;
using System.Text;

namespace TokenLab.Client.Audio
{
    /// <summary>The kinds of recording the realtime input reads.</summary>
    internal enum RecordingKind
    {
        Unknown,
        Wav,
        Mp3,
        OggVorbis,
    }

    /// <summary>
    /// Tells a recording's kind from its first bytes (magic numbers, not file names), and names the common kinds
    /// it does not read, so a refusal can say what a file is.
    /// </summary>
    internal static class RecordingKinds
    {
        private static readonly byte[] MatroskaMagic = { 0x1A, 0x45, 0xDF, 0xA3 };

        public static RecordingKind Of(ArraySegment<byte> head) =>
            Has(head, 0, "RIFF") && Has(head, 8, "WAVE") ? RecordingKind.Wav
            : Has(head, 0, "OggS") && Has(head, 29, "vorbis") ? RecordingKind.OggVorbis
            : Has(head, 0, "ID3") || StartsWithMp3Frames(head) ? RecordingKind.Mp3
            : RecordingKind.Unknown;

        /// <summary>What the bytes are, in words that follow "is": "an MP3 file", "FLAC audio", "not a recording of a known kind".</summary>
        public static string Describe(ArraySegment<byte> head) =>
            Of(head) switch
            {
                RecordingKind.Wav => "a WAV file",
                RecordingKind.Mp3 => "an MP3 file",
                RecordingKind.OggVorbis => "an Ogg Vorbis file",
                _ => Has(head, 0, "OggS") ? (Has(head, 28, "OpusHead") ? "Ogg Opus audio" : Has(head, 29, "FLAC") ? "Ogg FLAC audio" : "an Ogg file of another codec")
                    : Has(head, 0, "fLaC") ? "FLAC audio"
                    : Has(head, 4, "ftyp") ? "an MP4/M4A file"
                    : Has(head, 0, MatroskaMagic) ? "a WebM/Matroska file"
                    : Has(head, 0, "FORM") ? "an AIFF file"
                    : Has(head, 0, "#!AMR") ? "AMR audio"
                    : Has(head, 0, "caff") ? "a Core Audio (CAF) file"
                    : head.Count >= 2 && head.Array![head.Offset] == 0xFF && (head.Array[head.Offset + 1] & 0xF6) == 0xF0 ? "AAC audio (ADTS)"
                    : head.Count == 0 ? "empty"
                    : "not audio of a kind these commands read",
            };

        /// <summary>A WAV format tag other than PCM and float, in words.</summary>
        public static string WavEncoding(int formatTag) => formatTag switch
        {
            2 => "Microsoft ADPCM",
            6 => "A-law",
            7 => "mu-law",
            0x11 => "IMA ADPCM",
            0x31 => "GSM 6.10",
            0x55 => "MP3 in a WAV wrapper",
            _ => "format " + formatTag,
        };

        // Raw PCM can start with a frame sync by chance; two frames in a row, each where the last one says, cannot.
        private static bool StartsWithMp3Frames(ArraySegment<byte> head)
        {
            byte[] bytes = Copy(head);
            return Mp3FrameHeader.TryParse(bytes, 0, out Mp3FrameHeader? first)
                && first!.FrameLength + Mp3FrameHeader.Length <= bytes.Length
                && Mp3FrameHeader.TryParse(bytes, first.FrameLength, out _);
        }

        private static byte[] Copy(ArraySegment<byte> head)
        {
            var bytes = new byte[head.Count];
            Buffer.BlockCopy(head.Array!, head.Offset, bytes, 0, head.Count);
            return bytes;
        }

        private static bool Has(ArraySegment<byte> head, int offset, string tag)
        {
            var bytes = new byte[tag.Length];
            for (int i = 0; i < tag.Length; i++)
            {
                bytes[i] = (byte)tag[i];
            }

            return Has(head, offset, bytes);
        }

        private static bool Has(ArraySegment<byte> head, int offset, byte[] tag)
        {
            if (head.Count < offset + tag.Length)
            {
                return false;
            }

            for (int i = 0; i < tag.Length; i++)
            {
                if (head.Array![head.Offset + offset + i] != tag[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
