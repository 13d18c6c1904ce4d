using System.Globalization;
using System.Text.Json;
using TokenLab.Client.Json;

namespace TokenLab.Client.Realtime
{
    /// <summary>Token usage: of one response (from response.done), or summed over a session's responses.</summary>
    public sealed class RealtimeUsage
    {
        /// <summary>No usage yet.</summary>
        public static readonly RealtimeUsage None = new RealtimeUsage(0, 0, 0, 0, 0, 0, 0, 0, 0);

        private RealtimeUsage(int responses, long total, long input, long output, long inputText, long inputAudio, long cachedInput, long outputText, long outputAudio)
        {
            Responses = responses;
            TotalTokens = total;
            InputTokens = input;
            OutputTokens = output;
            InputTextTokens = inputText;
            InputAudioTokens = inputAudio;
            CachedInputTokens = cachedInput;
            OutputTextTokens = outputText;
            OutputAudioTokens = outputAudio;
        }

        /// <summary>How many responses reported usage.</summary>
        public int Responses { get; }

        /// <summary>total_tokens.</summary>
        public long TotalTokens { get; }

        /// <summary>input_tokens.</summary>
        public long InputTokens { get; }

        /// <summary>output_tokens.</summary>
        public long OutputTokens { get; }

        /// <summary>input_token_details.text_tokens.</summary>
        public long InputTextTokens { get; }

        /// <summary>input_token_details.audio_tokens.</summary>
        public long InputAudioTokens { get; }

        /// <summary>input_token_details.cached_tokens.</summary>
        public long CachedInputTokens { get; }

        /// <summary>output_token_details.text_tokens.</summary>
        public long OutputTextTokens { get; }

        /// <summary>output_token_details.audio_tokens.</summary>
        public long OutputAudioTokens { get; }

        /// <summary>The sum of both.</summary>
        public RealtimeUsage Add(RealtimeUsage other) => new RealtimeUsage(
            Responses + other.Responses,
            TotalTokens + other.TotalTokens,
            InputTokens + other.InputTokens,
            OutputTokens + other.OutputTokens,
            InputTextTokens + other.InputTextTokens,
            InputAudioTokens + other.InputAudioTokens,
            CachedInputTokens + other.CachedInputTokens,
            OutputTextTokens + other.OutputTextTokens,
            OutputAudioTokens + other.OutputAudioTokens);

        /// <summary>"1234 tokens (in 1000, out 234)".</summary>
        public override string ToString() =>
            TotalTokens.ToString(CultureInfo.InvariantCulture) + " tokens (in " + InputTokens.ToString(CultureInfo.InvariantCulture)
            + ", out " + OutputTokens.ToString(CultureInfo.InvariantCulture) + ")";

        /// <summary>Reads a usage object; missing fields count as 0, and a missing total is input plus output.</summary>
        internal static RealtimeUsage FromJson(JsonElement usage)
        {
            JsonElement? inputDetails = usage.GetObjectOrNull("input_token_details");
            JsonElement? outputDetails = usage.GetObjectOrNull("output_token_details");
            long input = Count(usage, "input_tokens");
            long output = Count(usage, "output_tokens");
            long total = usage.GetDoubleOrNull("total_tokens") is double given ? (long)given : input + output;
            return new RealtimeUsage(
                1,
                total,
                input,
                output,
                Count(inputDetails, "text_tokens"),
                Count(inputDetails, "audio_tokens"),
                Count(inputDetails, "cached_tokens"),
                Count(outputDetails, "text_tokens"),
                Count(outputDetails, "audio_tokens"));
        }

        private static long Count(JsonElement? element, string name) =>
            element?.GetDoubleOrNull(name) is double value && value > 0 ? (long)value : 0;
    }
}
