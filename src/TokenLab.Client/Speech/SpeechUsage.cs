using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace TokenLab.Client.Speech
{
    /// <summary>Token usage reported by the <c>speech.audio.done</c> event of a streamed response.</summary>
    public sealed class SpeechUsage
    {
        internal SpeechUsage(int? inputTokens, int? outputTokens, int? totalTokens)
        {
            InputTokens = inputTokens;
            OutputTokens = outputTokens;
            TotalTokens = totalTokens;
        }

        /// <summary>Text tokens read.</summary>
        public int? InputTokens { get; }

        /// <summary>Audio tokens produced.</summary>
        public int? OutputTokens { get; }

        /// <summary>Both together.</summary>
        public int? TotalTokens { get; }

        /// <summary>The usage of several responses added up (the parts of a long text); null when none reported any.</summary>
        public static SpeechUsage? Sum(IEnumerable<SpeechUsage?> usages)
        {
            List<SpeechUsage> reported = usages.OfType<SpeechUsage>().ToList();
            return reported.Count == 0
                ? null
                : new SpeechUsage(reported.Sum(u => u.InputTokens), reported.Sum(u => u.OutputTokens), reported.Sum(u => u.TotalTokens));
        }

        /// <summary>"115 tokens (in 14, out 101)", as realtime usage reads; a count the service left out shows as "?".</summary>
        public override string ToString() => Count(TotalTokens) + " tokens (in " + Count(InputTokens) + ", out " + Count(OutputTokens) + ")";

        private static string Count(int? tokens) => tokens?.ToString(CultureInfo.InvariantCulture) ?? "?";
    }
}
