namespace TokenLab.Client
{
    /// <summary>An option is invalid: a bad base URI, a key over plain http, or a value out of range.
    /// Public so hosts (the cmdlets) can report their own setting problems the same way.</summary>
    public sealed class TokenLabConfigurationException : TokenLabException
    {
        /// <summary>Creates the error with a message that says which setting is wrong and how to fix it.</summary>
        public TokenLabConfigurationException(string message)
            : base(message, null, null)
        {
        }
    }
}
