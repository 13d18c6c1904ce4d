namespace TokenLab.Client.Realtime
{
    /// <summary>Which realtime protocol a session speaks, as seen from what the server sends.</summary>
    public enum RealtimeDialect
    {
        /// <summary>The OpenAI GA protocol: nested session shape, response.output_audio.* names.</summary>
        Ga,

        /// <summary>The older beta protocol: flat session shape (modalities, voice, input_audio_format), response.audio.* names.</summary>
        Beta,
    }
}
