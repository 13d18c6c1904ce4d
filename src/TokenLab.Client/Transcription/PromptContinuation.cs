namespace TokenLab.Client.Transcription
{
    /// <summary>
    /// The prompt that carries context across a cut: the end of the previous part's text, starting at a
    /// word, short enough for Whisper's prompt window (224 tokens).
    /// </summary>
    internal static class PromptContinuation
    {
        private const int MaxCharacters = 200;

        public static string? From(string? previousText)
        {
            string text = (previousText ?? string.Empty).Trim();
            if (text.Length <= MaxCharacters)
            {
                return text.Length == 0 ? null : text;
            }

            string tail = text.Substring(text.Length - MaxCharacters);
            int space = tail.IndexOf(' ');
            return space >= 0 && space + 1 < tail.Length ? tail.Substring(space + 1) : tail;
        }
    }
}
