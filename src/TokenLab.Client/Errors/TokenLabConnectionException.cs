using System;

namespace TokenLab.Client
{
    /// <summary>The server could not be reached, or the connection failed before a response, after all retries.</summary>
    public sealed class TokenLabConnectionException : TokenLabException
    {
        internal TokenLabConnectionException(string message, Exception innerException)
            : base(message, null, innerException)
        {
        }
    }
}
