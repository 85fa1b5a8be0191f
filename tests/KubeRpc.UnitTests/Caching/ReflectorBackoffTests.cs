using KubeRpc.Server.Caching;
using Microsoft.Extensions.Time.Testing;

namespace KubeRpc.UnitTests.Caching;

public sealed class ReflectorBackoffTests
{
    private static double[] Delays(ReflectorBackoff backoff, FakeTimeProvider time, int count, TimeSpan between)
    {
        var delays = new double[count];
        for (var i = 0; i < count; i++)
        {
            delays[i] = backoff.Next().TotalSeconds;
            time.Advance(between);
        }
        return delays;
    }

    [Fact]
    public void Next_RepeatedFailures_DoublesFrom800msAndCapsAt30s()
    {
        var time = new FakeTimeProvider();
        var backoff = new ReflectorBackoff(new InformerOptions(), time, random: () => 0);

        var delays = Delays(backoff, time, 9, TimeSpan.FromSeconds(1));

        Assert.Equal([0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 30, 30, 30], delays.Select(d => Math.Round(d, 3)));
    }

    [Fact]
    public void Next_WithJitter_StaysWithinAQuarterBelowTheStep()
    {
        var time = new FakeTimeProvider();
        var random = new Random(7);
        var backoff = new ReflectorBackoff(new InformerOptions(), time, random.NextDouble);

        var delays = Delays(backoff, time, 12, TimeSpan.FromSeconds(1));

        double[] steps = [0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 30, 30, 30, 30, 30, 30];
        for (var i = 0; i < delays.Length; i++)
        {
            Assert.InRange(delays[i], steps[i] * 0.75, steps[i]);
        }
        Assert.True(delays.Skip(6).Distinct().Count() > 1, "capped delays are still jittered");
    }

    [Fact]
    public void Next_AfterTwoMinutesWithoutFailure_StartsAgainFromTheInitialDelay()
    {
        var time = new FakeTimeProvider();
        var backoff = new ReflectorBackoff(new InformerOptions(), time, random: () => 0);
        Delays(backoff, time, 6, TimeSpan.FromSeconds(1));

        // Delays() already moved the clock 1 s past the last failure.
        time.Advance(TimeSpan.FromSeconds(118));
        var stillBackingOff = backoff.Next();
        time.Advance(TimeSpan.FromMinutes(2));
        var healthyAgain = backoff.Next();

        Assert.Equal(TimeSpan.FromSeconds(30), stillBackingOff);
        Assert.Equal(TimeSpan.FromMilliseconds(800), healthyAgain);
    }

    [Fact]
    public void Next_WithRetryAfter_WaitsAtLeastThatButNoMoreThanTheCap()
    {
        var time = new FakeTimeProvider();
        var backoff = new ReflectorBackoff(new InformerOptions(), time, random: () => 0);

        Assert.Equal(TimeSpan.FromSeconds(5), backoff.Next(TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromSeconds(1.6), backoff.Next(TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.FromSeconds(30), backoff.Next(TimeSpan.FromMinutes(10)));
    }
}
