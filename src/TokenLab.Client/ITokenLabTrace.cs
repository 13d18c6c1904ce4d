namespace TokenLab.Client
{
    /// <summary>
    /// Receives diagnostic lines. Called from any thread, so implementations that write to a
    /// PowerShell host must queue the lines for the pipeline thread. Lines never contain the API key.
    /// </summary>
    public interface ITokenLabTrace
    {
        /// <summary>A request, its outcome, or a retry decision.</summary>
        void Verbose(string message);

        /// <summary>One request or response header (Authorization shown as "Bearer &lt;redacted&gt;").</summary>
        void Debug(string message);
    }
}
