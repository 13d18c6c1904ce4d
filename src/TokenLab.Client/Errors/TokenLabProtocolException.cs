using System;

namespace TokenLab.Client
{
    /// <summary>A success status arrived, but its body was cut off or could not be read as expected.</summary>
    public sealed class TokenLabProtocolException : TokenLabException
    {
        internal TokenLabProtocolException(string message, string? requestId, Exception? innerException)
            : base(message, requestId, innerException)
        {
        }
    }
}
