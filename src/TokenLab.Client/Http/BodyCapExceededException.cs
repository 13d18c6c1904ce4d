using System.Globalization;
using System.IO;

namespace TokenLab.Client.Http
{
    /// <summary>A body (or a part of one) larger than the client's cap on what it holds in memory; it is not read further.</summary>
    internal sealed class BodyCapExceededException : IOException
    {
        public BodyCapExceededException(string what, long capBytes)
            : base(what + " is larger than the client's cap of " + (capBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MiB")
        {
        }
    }
}
