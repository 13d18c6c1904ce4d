using System;

namespace TokenLab.Client.Speech
{
    /// <summary>
    /// Carries a failure of the caller's audio writer past the body reader, which would otherwise take an
    /// IOException for a cut-off response; unwrapped before it reaches the caller.
    /// </summary>
    internal sealed class AudioOutputException : Exception
    {
        public AudioOutputException(Exception inner)
            : base(inner.Message, inner)
        {
        }
    }
}
