namespace KubeRpc.Emulator.Tests.Infrastructure;

/// <summary>
/// A clock that stands still, so creation timestamps and AGE columns come out the same on every run. The
/// emulator only reads the time from it (it schedules no timers on it), so a frozen clock cannot stall it.
/// </summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    /// <summary>2025-01-02T15:04:05Z.</summary>
    public static readonly DateTimeOffset DefaultInstant = new(2025, 1, 2, 15, 4, 5, TimeSpan.Zero);

    public FixedTimeProvider()
        : this(DefaultInstant)
    {
    }

    public override DateTimeOffset GetUtcNow() => now;
}
