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

        /// <summary>"14 in, 101 out, 115 total".</summary>
        public override string ToString() => InputTokens + " in, " + OutputTokens + " out, " + TotalTokens + " total";
    }
}
