using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;

namespace TokenLab.Client.Transcription
{
    /// <summary>
    /// The multipart/form-data body of an upload: the audio streamed as the <c>file</c> part (with a file
    /// name and a part content type), then the fields; <c>timestamp_granularities[]</c> once per value.
    /// </summary>
    internal static class TranscriptionContent
    {
        private const int FileBufferBytes = 81920;

        public static MultipartFormDataContent Create(TranscriptionRequest request, Stream audio)
        {
            var content = new MultipartFormDataContent();
            var file = new StreamContent(audio, FileBufferBytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(request.Audio.MediaType);
            content.Add(file, "file", request.Audio.FileName);
            Add(content, "model", request.Model);
            Add(content, "language", request.Language);
            Add(content, "prompt", request.Prompt);
            Add(content, "response_format", request.ResponseFormat.ToWireName());
            Add(content, "temperature", request.Temperature?.ToString("R", CultureInfo.InvariantCulture));
            foreach (TimestampGranularity granularity in request.TimestampGranularities)
            {
                Add(content, "timestamp_granularities[]", granularity == TimestampGranularity.Word ? "word" : "segment");
            }

            return content;
        }

        private static void Add(MultipartFormDataContent content, string name, string? value)
        {
            if (value is not null)
            {
                content.Add(new StringContent(value), name);
            }
        }
    }
}
