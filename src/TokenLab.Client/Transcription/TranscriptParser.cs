using System;
using System.IO;
using System.Text.Json;
using TokenLab.Client.Json;
using TokenLab.Client.Subtitles;

namespace TokenLab.Client.Transcription
{
    /// <summary>Reads a transcript from the text of any response format (or of a file saved in one).</summary>
    internal static class TranscriptParser
    {
        /// <exception cref="InvalidDataException">The text is not valid in that format.</exception>
        public static Transcript Parse(string content, TranscriptFormat format)
        {
            if (content is null)
            {
                throw new ArgumentNullException(nameof(content));
            }

            switch (format)
            {
                case TranscriptFormat.Json:
                case TranscriptFormat.VerboseJson:
                    try
                    {
                        return JsonBody.Parse(content, root => TranscriptJsonReader.Read(root, format));
                    }
                    catch (JsonException ex)
                    {
                        throw new InvalidDataException("The transcript is not valid JSON: " + ex.Message, ex);
                    }

                case TranscriptFormat.Srt:
                    return WithFormat(SubtitleParser.ToTranscript(SubtitleParser.ParseSrt(content)), format);
                case TranscriptFormat.Vtt:
                    return WithFormat(SubtitleParser.ToTranscript(SubtitleParser.ParseVtt(content)), format);
                default:
                    return new Transcript(content.Trim()) { Format = TranscriptFormat.Text };
            }
        }

        private static Transcript WithFormat(Transcript transcript, TranscriptFormat format)
        {
            transcript.Format = format;
            return transcript;
        }
    }
}
