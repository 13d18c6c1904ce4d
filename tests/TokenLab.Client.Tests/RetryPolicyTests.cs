using TokenLab.Client.Http;
using TokenLab.Client.Tests.Infrastructure;

namespace TokenLab.Client.Tests;

public sealed class RetryPolicyTests
{
    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(7, 30)]
    [InlineData(10, 30)]
    public void BackoffDoublesFromHalfASecondUpToThirtyWithJitterInTheUpperHalf(int retry, double nominalSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(nominalSeconds / 2), new RetryPolicy(10, TimeSpan.Zero, new FixedRandom(0)).Backoff(retry));
        Assert.Equal(TimeSpan.FromSeconds(nominalSeconds * 0.75), new RetryPolicy(10, TimeSpan.Zero, new FixedRandom(0.5)).Backoff(retry));

        var random = new RetryPolicy(10, TimeSpan.Zero, new Random(1234));
        for (int i = 0; i < 200; i++)
        {
            TimeSpan wait = random.Backoff(retry);
            Assert.InRange(wait, TimeSpan.FromSeconds(nominalSeconds / 2), TimeSpan.FromSeconds(nominalSeconds));
        }
    }
}
