using TokenLab.Client.Realtime;

namespace TokenLab.Client.Tests.Realtime;

public sealed class RealtimeEventTypesTests
{
    [Fact]
    public void ServerEventTypesNameEachEventOnce()
    {
        Assert.Equal(RealtimeEventTypes.ServerEventTypes.Count, RealtimeEventTypes.ServerEventTypes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void EveryBetaNameIsListedBesideItsGaName()
    {
        string[] beta = RealtimeEventTypes.ServerEventTypes.Where(RealtimeEventTypes.IsBetaName).ToArray();

        Assert.Contains("response.audio.delta", beta);
        Assert.Equal(6, beta.Length);
        Assert.All(beta, name => Assert.Contains(RealtimeEventTypes.ToGaName(name), RealtimeEventTypes.ServerEventTypes));
    }
}
