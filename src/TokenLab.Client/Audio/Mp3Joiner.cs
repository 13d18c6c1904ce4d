using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TokenLab.Client.Audio
{
    /// <summary>MP3 parts join at frame level: every part's audio frames, without tags or info frames.</summary>
    internal sealed class Mp3Joiner : AudioJoiner
    {
        public Mp3Joiner(Stream output)
            : base(output)
        {
        }

        public override Task AppendAsync(Stream part, CancellationToken cancellationToken) =>
            Mp3Frames.CopyFramesAsync(part, Output, cancellationToken);
    }
}
