using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace TokenLab.Emulator.Transcription;

/// <summary>
/// Writes a transcript in the five documented response formats: json and verbose_json as application/json,
/// text, srt and vtt as text/plain. verbose_json carries Whisper's segment fields and a usage object, so
/// clients meet the extra fields real responses have.
/// </summary>
internal static class TranscriptRenderer
{
    public const string JsonContentType = "application/json";
    public const string TextContentType = "text/plain; charset=utf-8";

    /// <summary>The body and its content type.</summary>
    public static (string Body, string ContentType) Render(EmulatedTranscript transcript, TranscriptionJob job) => job.ResponseFormat switch
    {
        "json" => (new JsonObject { ["text"] = transcript.Text, ["usage"] = Usage(transcript) }.ToJsonString(EmulatorJson.Options), JsonContentType),
        TranscriptionValidator.VerboseJson => (Verbose(transcript, job).ToJsonString(EmulatorJson.Options), JsonContentType),
        "srt" => (Subtitles(transcript, srt: true), TextContentType),
        "vtt" => (Subtitles(transcript, srt: false), TextContentType),
        _ => (transcript.Text + "\n", TextContentType),
    };

    /// <summary>The transcript as JSON for a completed task: an object for the JSON formats, a string for the others.</summary>
    public static JsonNode RenderAsTaskResult(EmulatedTranscript transcript, TranscriptionJob job)
    {
        var (body, contentType) = Render(transcript, job);
        return contentType == JsonContentType ? JsonNode.Parse(body)! : JsonValue.Create(body);
    }

    private static JsonObject Verbose(EmulatedTranscript transcript, TranscriptionJob job)
    {
        var body = new JsonObject
        {
            ["task"] = job.Operation.TaskName(),
            ["language"] = transcript.Language,
            ["duration"] = transcript.Duration,
            ["text"] = transcript.Text,
        };
        if (job.WantWords)
        {
            body["words"] = new JsonArray(transcript.Words.Select(word => (JsonNode)new JsonObject
            {
                ["word"] = word.Text,
                ["start"] = word.Start,
                ["end"] = word.End,
            }).ToArray());
        }

        if (job.WantSegments)
        {
            body["segments"] = new JsonArray(transcript.Segments.Select(Segment).ToArray());
        }

        body["usage"] = Usage(transcript);
        return body;
    }

    private static JsonNode Segment(TimedText segment) => new JsonObject
    {
        ["id"] = segment.Id,
        ["seek"] = (int)(segment.Start / 30) * 3000,
        ["start"] = segment.Start,
        ["end"] = segment.End,
        ["text"] = " " + segment.Text,
        ["tokens"] = new JsonArray(segment.Text.Split(' ').Select((word, index) => (JsonNode)(50364 + (word.Length * 97) + index)).ToArray()),
        ["temperature"] = 0.0,
        ["avg_logprob"] = -0.21,
        ["compression_ratio"] = 1.18,
        ["no_speech_prob"] = 0.012,
    };

    private static JsonObject Usage(EmulatedTranscript transcript) => TranscriptionUsage.Duration(transcript.Duration);

    private static string Subtitles(EmulatedTranscript transcript, bool srt)
    {
        var text = new StringBuilder(srt ? string.Empty : "WEBVTT\n\n");
        foreach (var segment in transcript.Segments)
        {
            if (srt)
            {
                text.Append(segment.Id + 1).Append('\n');
            }

            text.Append(Timestamp(segment.Start, srt)).Append(" --> ").Append(Timestamp(segment.End, srt)).Append('\n')
                .Append(segment.Text).Append("\n\n");
        }

        return text.ToString();
    }

    private static string Timestamp(double seconds, bool srt)
    {
        var time = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        return string.Format(CultureInfo.InvariantCulture, srt ? "{0:00}:{1:00}:{2:00},{3:000}" : "{0:00}:{1:00}:{2:00}.{3:000}",
            (int)time.TotalHours, time.Minutes, time.Seconds, time.Milliseconds);
    }
}
