using TokenLab.Client.Realtime;

namespace TokenLab.Client.Tests.Realtime;

public sealed class RealtimeAudioTests
{
    [Fact]
    public void AppendChunksAreHalfASecond() =>
        Assert.Equal(TimeSpan.FromSeconds(0.5), RealtimeAudio.Duration(RealtimeAudio.AppendChunkBytes));
}
