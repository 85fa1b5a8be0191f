namespace KubeRpc.Client;

/// <summary>Exponential backoff with jitter between attempts to watch, so many clients of a restarted KubeRpc do not return in step.</summary>
internal sealed class ReconnectBackoff
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private TimeSpan _next;

    public ReconnectBackoff(TimeSpan initial, TimeSpan max)
    {
        _initial = initial;
        _max = max;
        _next = initial;
    }

    /// <summary>The wait before the next attempt: the current step, ±20 %; then the step doubles up to the maximum.</summary>
    public TimeSpan Next()
    {
        var step = _next;
        _next = TimeSpan.FromTicks(Math.Min(_max.Ticks, step.Ticks * 2));
        return step * (0.8 + (0.4 * Random.Shared.NextDouble()));
    }

    /// <summary>After a watch delivered an event: the next failure waits the first step again.</summary>
    public void Reset() => _next = _initial;
}
