using System;

namespace TokenLab.Client
{
    /// <summary>Base of every error the TokenLab client raises.</summary>
    public class TokenLabException : Exception
    {
        private protected TokenLabException(string message, string? requestId, Exception? innerException)
            : base(message, innerException)
        {
            RequestId = requestId;
        }

        /// <summary>The request ID to quote to TokenLab support, when the server sent one.</summary>
        public string? RequestId { get; }
    }
}
