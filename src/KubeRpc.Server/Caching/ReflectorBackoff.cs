namespace KubeRpc.Server.Caching;

/// <summary>
/// Exponential backoff between failed attempts (client-go's reflector backoff manager): 0.8 s doubling to
/// 30 s, each delay shortened by random jitter, and back to the start once no failure has happened for 2
/// minutes, so a long-healthy reflector retries quickly after a single blip.
/// </summary>
internal sealed class ReflectorBackoff(InformerOptions options, TimeProvider time, Func<double>? random = null)
{
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;
    private TimeSpan _next = options.InitialBackoff;
    private long? _lastFailure;

    /// <summary>The delay before the next attempt after a failure; at least <paramref name="atLeast"/> (a Retry-After), at most the maximum.</summary>
    public TimeSpan Next(TimeSpan? atLeast = null)
    {
        var now = time.GetTimestamp();
        if (_lastFailure is { } last && time.GetElapsedTime(last, now) >= options.BackoffReset)
        {
            _next = options.InitialBackoff;
        }
        _lastFailure = now;
        var step = _next;
        _next = step * 2 < options.MaxBackoff ? step * 2 : options.MaxBackoff;
        var delay = step * (1 - (options.BackoffJitter * _random()));
        if (atLeast is { } floor && floor > delay)
        {
            delay = floor < options.MaxBackoff ? floor : options.MaxBackoff;
        }
        return delay;
    }
}
