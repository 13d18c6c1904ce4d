namespace TokenLab.Client
{
    /// <summary>Filters for <c>GET /v1/models</c>.</summary>
    public sealed class ModelListQuery
    {
        /// <summary>A scene such as tts or stt; the list is then ordered by recommendation rank.</summary>
        public string? RecommendedFor { get; set; }

        /// <summary>A model category such as tts, stt or audio.</summary>
        public string? Category { get; set; }

        /// <summary>A provider such as openai.</summary>
        public string? Provider { get; set; }

        /// <summary>A tag such as chat or embedding.</summary>
        public string? Tag { get; set; }

        /// <summary>Ask for the compact selection shape (<c>view=compact</c>).</summary>
        public bool Compact { get; set; }
    }
}
