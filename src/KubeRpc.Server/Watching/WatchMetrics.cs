using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using KubeRpc.Server.Diagnostics;

namespace KubeRpc.Server.Watching;

/// <summary>
/// Watch streams on the KubeRpc meter: open subscribers, events sent, and subscribers ended by cause
/// (<c>too_slow</c>, <c>shutting_down</c>, <c>expired</c>, <c>too_many</c>).
/// </summary>
internal static class WatchMetrics
{
    private static readonly UpDownCounter<long> Open =
        Telemetry.Meter.CreateUpDownCounter<long>("kuberpc.watch.subscribers", description: "Open watch streams");

    private static readonly Counter<long> Ended =
        Telemetry.Meter.CreateCounter<long>("kuberpc.watch.subscribers_ended", description: "Watch streams the server ended, by cause");

    // Events sent is counted on every stream's hot path (100k times a second at 1,000 subscribers), so it is a plain
    // total per kind that collection reads, not a Counter.Add that each listener aggregates by tag on every call.
    private static readonly ConcurrentDictionary<string, StrongBox<long>> SentByKind = new(StringComparer.Ordinal);

    private static readonly ObservableCounter<long> Sent = Telemetry.Meter.CreateObservableCounter("kuberpc.watch.events_sent",
        static () => SentByKind.Select(p => new Measurement<long>(Volatile.Read(ref p.Value.Value), new KeyValuePair<string, object?>("kind", p.Key))),
        description: "Watch events written to streams");

    public static void Opened(string kind, int delta) => Open.Add(delta, new KeyValuePair<string, object?>("kind", kind));

    public static void EventsSent(string kind, int count)
    {
        if (count > 0)
        {
            Interlocked.Add(ref SentByKind.GetOrAdd(kind, static _ => new StrongBox<long>()).Value, count);
        }
    }

    public static void EndedBy(string kind, string cause) =>
        Ended.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("cause", cause));
}
