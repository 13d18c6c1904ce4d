using System;

namespace TokenLab.PowerShell.Pricing
{
    /// <summary>What a command knows it would send, or was billed for, in the units a model may be billed by.</summary>
    internal sealed class BillableUsage
    {
        public BillableUsage(int requests, long? characters = null, TimeSpan? audio = null, long? inputTokens = null, long? outputTokens = null)
        {
            Requests = requests;
            Characters = characters;
            Audio = audio;
            InputTokens = inputTokens;
            OutputTokens = outputTokens;
        }

        /// <summary>The requests the command would make.</summary>
        public int Requests { get; }

        /// <summary>The characters of text sent, when text is sent.</summary>
        public long? Characters { get; }

        /// <summary>The playing time of the audio sent, when it can be read before sending.</summary>
        public TimeSpan? Audio { get; }

        /// <summary>The input tokens the service counted, once it has answered.</summary>
        public long? InputTokens { get; }

        /// <summary>The output tokens the service counted, once it has answered.</summary>
        public long? OutputTokens { get; }
    }
}
