namespace TokenLab.Client
{
    /// <summary>One entry of the top-level <c>validation_errors</c> array of a 400 response.</summary>
    public sealed class ValidationErrorDetail
    {
        internal ValidationErrorDetail(string? field, string? message, string? code)
        {
            Field = field;
            Message = message;
            Code = code;
        }

        /// <summary>The request field at fault.</summary>
        public string? Field { get; }

        /// <summary>What is wrong with it.</summary>
        public string? Message { get; }

        /// <summary>A machine-readable code, when given.</summary>
        public string? Code { get; }

        /// <inheritdoc/>
        public override string ToString() => Field is null ? Message ?? string.Empty : Field + ": " + Message;
    }
}
