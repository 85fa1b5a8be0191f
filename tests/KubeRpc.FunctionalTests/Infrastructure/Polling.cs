using System.Diagnostics;

namespace KubeRpc.FunctionalTests.Infrastructure;

/// <summary>For the few conditions that raise no signal a test can wait on (a metric scraped from another process).</summary>
public static class Polling
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Checks <paramref name="condition"/> until it holds; past <paramref name="timeout"/> (default
    /// <see cref="TaskTimeouts.Default"/>) throws a <see cref="TimeoutException"/> with <paramref name="waitingFor"/>,
    /// which is read then, so it can tell what was last seen.
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, Func<string> waitingFor, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TaskTimeouts.Default;
        var started = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (Stopwatch.GetElapsedTime(started) > limit)
            {
                throw new TimeoutException($"waited {limit.TotalSeconds:0.#} s for {waitingFor()}");
            }
            await Task.Delay(Interval);
        }
    }
}
