namespace TokenLab.PowerShell.Completers
{
    /// <summary>The voices of OpenAI realtime models; other models may take others, which are passed on as given.</summary>
    public sealed class RealtimeVoiceCompleter : FixedValueCompleter
    {
        /// <summary>Completes the documented realtime voices.</summary>
        public RealtimeVoiceCompleter()
            : base(new[] { "alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar" })
        {
        }
    }
}
