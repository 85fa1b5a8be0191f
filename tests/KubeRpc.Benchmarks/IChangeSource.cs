namespace KubeRpc.Benchmarks;

/// <summary>
/// Where the throughput benchmark's changes come from: a MODIFIED event of constant size per change to a pool of
/// Services. Writes follow a schedule (change i is due at start + i / rate); a source behind it does not wait, so
/// <see cref="ChangeRun.Written"/> short of the schedule means the source, not delivery, was the limit.
/// </summary>
internal interface IChangeSource
{
    /// <summary>How the changes are made, for the report.</summary>
    string Description { get; }

    /// <summary>The newest resourceVersion of a change made (0 before the first).</summary>
    long LastResourceVersion { get; }

    /// <summary>Changes at <paramref name="perSecond"/> for <paramref name="duration"/>; 0 makes them as fast as it can.</summary>
    Task<ChangeRun> RunAsync(double perSecond, TimeSpan duration);

    /// <summary>Exactly <paramref name="count"/> changes, as fast as it can.</summary>
    Task WriteAsync(long count);
}

/// <summary>What one run of a <see cref="IChangeSource"/> made.</summary>
internal readonly record struct ChangeRun(long Written, TimeSpan Elapsed)
{
    public double PerSecond => Written / Elapsed.TotalSeconds;
}
