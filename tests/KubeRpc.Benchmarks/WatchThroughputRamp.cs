namespace KubeRpc.Benchmarks;

/// <summary>
/// Finds the highest write rate that N subscribers sustain: up by 25 % while a short window passes (none ended, all
/// delivered, writers on schedule), down by 25 % from a failing start, then two geometric bisections between the
/// last pass and the first failure.
/// </summary>
internal static class WatchThroughputRamp
{
    private const double Factor = 1.25;

    public static async Task<double> FindAsync(WatchThroughputPhases phases, double start, TimeSpan step, int subscribers)
    {
        double? pass = null;
        double? fail = null;
        var rate = start;
        for (var i = 0; i < 16 && fail is null; i++)
        {
            if (await TryAsync(phases, rate, step, subscribers))
            {
                pass = rate;
                rate *= Factor;
            }
            else
            {
                fail = rate;
            }
        }
        for (rate = start / Factor; pass is null && rate >= 10; rate /= Factor)
        {
            if (await TryAsync(phases, rate, step, subscribers))
            {
                pass = rate;
            }
            else
            {
                fail = rate;
            }
        }
        if (pass is null)
        {
            throw new InvalidOperationException("no write rate down to 10 events/s was sustained");
        }
        for (var i = 0; i < 2 && fail is not null; i++)
        {
            var mid = Math.Sqrt(pass.Value * fail.Value);
            if (await TryAsync(phases, mid, step, subscribers))
            {
                pass = mid;
            }
            else
            {
                fail = mid;
            }
        }
        Console.WriteLine($"ramp: highest sustained rate {pass:N0} events/s" + (fail is null ? " (the ramp's ceiling, not a failure)" : $", {fail:N0} was not"));
        return pass.Value;
    }

    private static async Task<bool> TryAsync(WatchThroughputPhases phases, double rate, TimeSpan step, int subscribers)
    {
        var phase = await phases.SustainedAsync(rate, step, $"ramp {rate:N0} events/s");
        var ok = phase.Sustained(subscribers);
        var why = ok ? "sustained"
            : phase.Ended > 0 ? "subscribers ended"
            : phase.EventsPerSecond < 0.97 * phase.OfferedPerSecond ? "the source fell behind the schedule"
            : "delivery fell behind";
        Console.WriteLine($"{phase} — {why}");
        return ok;
    }
}
