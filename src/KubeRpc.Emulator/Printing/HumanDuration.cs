using System.Globalization;

namespace KubeRpc.Emulator.Printing;

/// <summary>
/// A port of apimachinery's <c>duration.HumanDuration</c> (util/duration): the ~2–3 significant figure
/// durations kubectl shows in the AGE column, e.g. <c>70s</c>, <c>5m12s</c>, <c>3h</c>, <c>2d1h</c>, <c>10y</c>.
/// </summary>
public static class HumanDuration
{
    // Go's time.Duration is int64 nanoseconds; time.Since saturates there, so a longer age prints as ~292y.
    private const long MaxGoDurationTicks = long.MaxValue / 100;

    /// <summary>Formats <paramref name="duration"/> exactly as <c>duration.HumanDuration</c> does.</summary>
    public static string Format(TimeSpan duration)
    {
        var ticks = Math.Clamp(duration.Ticks, -MaxGoDurationTicks, MaxGoDurationTicks);

        // Go truncates toward zero (int(d.Seconds()), d / time.Minute); C# integer division does the same.
        // Up to 2 seconds in the future is tolerated as clock skew and shown as "now".
        var seconds = ticks / TimeSpan.TicksPerSecond;
        if (seconds < -1)
        {
            return "<invalid>";
        }
        if (seconds < 0)
        {
            return "0s";
        }
        if (seconds < 60 * 2)
        {
            return Invariant($"{seconds}s");
        }

        var minutes = ticks / TimeSpan.TicksPerMinute;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? Invariant($"{minutes}m") : Invariant($"{minutes}m{s}s");
        }
        if (minutes < 60 * 3)
        {
            return Invariant($"{minutes}m");
        }

        var hours = ticks / TimeSpan.TicksPerHour;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? Invariant($"{hours}h") : Invariant($"{hours}h{m}m");
        }
        if (hours < 48)
        {
            return Invariant($"{hours}h");
        }
        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? Invariant($"{hours / 24}d") : Invariant($"{hours / 24}d{h}h");
        }
        if (hours < 24 * 365 * 2)
        {
            return Invariant($"{hours / 24}d");
        }
        if (hours < 24 * 365 * 8)
        {
            var dy = hours / 24 % 365;
            return dy == 0 ? Invariant($"{hours / 24 / 365}y") : Invariant($"{hours / 24 / 365}y{dy}d");
        }
        return Invariant($"{hours / 24 / 365}y");
    }

    /// <summary>
    /// k/k printers' <c>translateTimestampSince</c>: <c>&lt;unknown&gt;</c> for an unset (or Go zero) time,
    /// else the human duration from <paramref name="timestamp"/> to <paramref name="now"/>.
    /// </summary>
    public static string Since(DateTime? timestamp, DateTime now)
    {
        if (timestamp is not { } t || t == DateTime.MinValue)
        {
            return "<unknown>";
        }
        return Format(AsUtc(now) - AsUtc(t));
    }

    // KubernetesClient may hand back Local or Unspecified kinds; Kubernetes timestamps are always UTC.
    private static DateTime AsUtc(DateTime t) => t.Kind switch
    {
        DateTimeKind.Local => t.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(t, DateTimeKind.Utc),
        _ => t,
    };

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
