namespace TokenLab.Client
{
    /// <summary>A successful API result with the metadata of the call that produced it.</summary>
    /// <typeparam name="T">The type of the parsed result.</typeparam>
    public sealed class TokenLabResponse<T>
    {
        internal TokenLabResponse(T value, ResponseMetadata metadata)
        {
            Value = value;
            Metadata = metadata;
        }

        /// <summary>The parsed result.</summary>
        public T Value { get; }

        /// <summary>Status, request ID, rate limits and timing of the call.</summary>
        public ResponseMetadata Metadata { get; }
    }
}
