namespace TokenLab.Client.Transcription
{
    /// <summary>The timings verbose_json can carry, sent as repeated <c>timestamp_granularities[]</c> parts.</summary>
    public enum TimestampGranularity
    {
        /// <summary>Word start and end times.</summary>
        Word,

        /// <summary>Segment start and end times (Whisper's default).</summary>
        Segment,
    }
}
