using KubeRpc.Client;

namespace KubeRpc.UnitTests.Client;

/// <summary>The resolver's wait between watch attempts: doubling from the first step to the cap, ±20 %, back to the start after an event.</summary>
public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Doubles_UpToTheCap_WithinJitter()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2));

        var steps = Enumerable.Range(0, 6).Select(_ => backoff.Next().TotalMilliseconds).ToList();

        double[] expected = [250, 500, 1000, 2000, 2000, 2000];
        for (var i = 0; i < steps.Count; i++)
        {
            Assert.InRange(steps[i], expected[i] * 0.8, expected[i] * 1.2);
        }
    }

    [Fact]
    public void Reset_StartsOverAtTheFirstStep()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
        for (var i = 0; i < 5; i++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.InRange(backoff.Next().TotalMilliseconds, 200, 300);
    }
}
