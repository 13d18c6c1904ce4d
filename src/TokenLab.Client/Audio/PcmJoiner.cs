using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TokenLab.Client.Audio
{
    /// <summary>Headerless samples join by concatenation.</summary>
    internal sealed class PcmJoiner : AudioJoiner
    {
        public PcmJoiner(Stream output)
            : base(output)
        {
        }

        public override Task AppendAsync(Stream part, CancellationToken cancellationToken) =>
            part.CopyToAsync(Output, CopyBufferSize, cancellationToken);
    }
}
