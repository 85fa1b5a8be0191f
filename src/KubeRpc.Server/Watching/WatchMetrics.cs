using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using KubeRpc.Server.Diagnostics;

namespace KubeRpc.Server.Watching;

/// <summary>
/// Watch streams on the KubeRpc meter: open subscribers, events sent, events queued (in all and on the deepest
/// queue, which reaches <c>Watch:QueueCapacity</c> just before WATCH_TOO_SLOW), subscribers ended by cause
/// (<c>too_slow</c>, <c>shutting_down</c>, <c>expired</c>, <c>too_many</c>, <c>resource_version_too_large</c>), relist
/// batches broadcast and their changes, and resumes answered OUT_OF_RANGE by cause (<c>too_old</c>, <c>relist</c>,
/// <c>out_of_order</c>): a rise in the last one, without a rise in relists, is a bug worth a look.
/// </summary>
internal static class WatchMetrics
{
    private static readonly UpDownCounter<long> Open =
        Telemetry.Meter.CreateUpDownCounter<long>("kuberpc.watch.subscribers", description: "Open watch streams");

    private static readonly Counter<long> Ended =
        Telemetry.Meter.CreateCounter<long>("kuberpc.watch.subscribers_ended", description: "Watch streams the server ended, by cause");

    private static readonly Counter<long> RelistBatches = Telemetry.Meter.CreateCounter<long>("kuberpc.watch.relist_batches",
        description: "Relists of the cache broadcast to watch streams, each a batch of synthetic changes and a closing BOOKMARK");

    private static readonly Counter<long> RelistChanges = Telemetry.Meter.CreateCounter<long>("kuberpc.watch.relist_changes",
        description: "Synthetic ADDED, MODIFIED and DELETED changes that relists of the cache broadcast");

    private static readonly Counter<long> ResumesRefused = Telemetry.Meter.CreateCounter<long>("kuberpc.watch.resumes_out_of_range",
        description: "Watches from a resource_version answered OUT_OF_RANGE (list again), by cause");

    // Events sent is counted on every stream's hot path (100k times a second at 1,000 subscribers), so it is a plain
    // total per kind that collection reads, not a Counter.Add that each listener aggregates by tag on every call.
    private static readonly ConcurrentDictionary<string, StrongBox<long>> SentByKind = new(StringComparer.Ordinal);

    private static readonly ObservableCounter<long> Sent = Telemetry.Meter.CreateObservableCounter("kuberpc.watch.events_sent",
        static () => SentByKind.Select(p => new Measurement<long>(Volatile.Read(ref p.Value.Value), new KeyValuePair<string, object?>("kind", p.Key))),
        description: "Watch events written to streams");

    // The broadcasters whose queues the two gauges below read when metrics are collected (none on the hot path).
    private static readonly ConcurrentDictionary<object, (string Kind, Func<QueueDepth> Read)> Queues = new();

    private static readonly ObservableGauge<long> Queued = Telemetry.Meter.CreateObservableGauge("kuberpc.watch.queued_events",
        static () => ReadQueues().Select(q => new Measurement<long>(q.Depth.Total, new KeyValuePair<string, object?>("kind", q.Kind))),
        description: "Events queued for watch streams and not yet written");

    private static readonly ObservableGauge<int> Deepest = Telemetry.Meter.CreateObservableGauge("kuberpc.watch.queue_depth_max",
        static () => ReadQueues().Select(q => new Measurement<int>(q.Depth.Deepest, new KeyValuePair<string, object?>("kind", q.Kind))),
        description: "Events queued for the watch stream furthest behind (it ends with WATCH_TOO_SLOW at Watch:QueueCapacity)");

    /// <summary>Reports <paramref name="read"/>'s queues under <paramref name="kind"/> until the returned handle is disposed.</summary>
    public static IDisposable TrackQueues(string kind, Func<QueueDepth> read)
    {
        var key = new object();
        Queues[key] = (kind, read);
        return new Untrack(key);
    }

    public static void Opened(string kind, int delta) => Open.Add(delta, new KeyValuePair<string, object?>("kind", kind));

    public static void EventsSent(string kind, int count)
    {
        if (count > 0)
        {
            Interlocked.Add(ref SentByKind.GetOrAdd(kind, static _ => new StrongBox<long>()).Value, count);
        }
    }

    /// <summary>A relist's batch of <paramref name="changes"/> synthetic changes was broadcast.</summary>
    public static void RelistBroadcast(string kind, int changes)
    {
        var tag = new KeyValuePair<string, object?>("kind", kind);
        RelistBatches.Add(1, tag);
        RelistChanges.Add(changes, tag);
    }

    public static void ResumeRefused(string kind, ResumeCheck cause) =>
        ResumesRefused.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("cause", cause switch
        {
            ResumeCheck.TooOld => "too_old",
            ResumeCheck.Collapsed => "relist",
            _ => "out_of_order",
        }));

    public static void EndedBy(string kind, string cause) =>
        Ended.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("cause", cause));

    /// <summary>Per kind, over every broadcaster of it in the process.</summary>
    private static IEnumerable<(string Kind, QueueDepth Depth)> ReadQueues() =>
        Queues.Values.Select(q => (q.Kind, Depth: q.Read())).GroupBy(q => q.Kind, StringComparer.Ordinal)
            .Select(g => (g.Key, new QueueDepth(g.Sum(q => q.Depth.Total), g.Max(q => q.Depth.Deepest))));

    private sealed class Untrack(object key) : IDisposable
    {
        public void Dispose() => Queues.TryRemove(key, out _);
    }
}

/// <summary>Events queued for a kind's watch streams: in all, and on the deepest queue.</summary>
internal readonly record struct QueueDepth(long Total, int Deepest);
