using KubeRpc.Server.Diagnostics;

namespace KubeRpc.Server.Watching;

/// <summary>
/// Watch streams on the KubeRpc meter: open subscribers, events sent, and subscribers ended by cause
/// (<c>too_slow</c>, <c>shutting_down</c>, <c>expired</c>, <c>too_many</c>).
/// </summary>
internal static class WatchMetrics
{
    private static readonly System.Diagnostics.Metrics.UpDownCounter<long> Open =
        Telemetry.Meter.CreateUpDownCounter<long>("kuberpc.watch.subscribers", description: "Open watch streams");

    private static readonly System.Diagnostics.Metrics.Counter<long> Sent =
        Telemetry.Meter.CreateCounter<long>("kuberpc.watch.events_sent", description: "Watch events written to streams");

    private static readonly System.Diagnostics.Metrics.Counter<long> Ended =
        Telemetry.Meter.CreateCounter<long>("kuberpc.watch.subscribers_ended", description: "Watch streams the server ended, by cause");

    public static void Opened(string kind, int delta) => Open.Add(delta, new KeyValuePair<string, object?>("kind", kind));

    public static void EventsSent(string kind, int count)
    {
        if (count > 0)
        {
            Sent.Add(count, new KeyValuePair<string, object?>("kind", kind));
        }
    }

    public static void EndedBy(string kind, string cause) =>
        Ended.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("cause", cause));
}
