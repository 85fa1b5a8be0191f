using System.Diagnostics.Metrics;
using KubeRpc.Server.Diagnostics;

namespace KubeRpc.Server.Caching;

/// <summary>
/// Every informer's state as metrics on the KubeRpc meter, tagged with its kind: objects cached, lists, relists, list
/// failures, events received, watch restarts by cause, last event age.
/// </summary>
internal sealed class CacheMetrics : IDisposable
{
    // One meter per host, disposed with it; OpenTelemetry listens to it by name.
    private readonly Meter _meter = new(Telemetry.Name);
    private readonly IInformerStatus[] _informers;

    public CacheMetrics(IEnumerable<IInformerStatus> informers)
    {
        _informers = [.. informers];
        _meter.CreateObservableGauge("kuberpc.cache.objects", () => PerKind(i => i.ObjectsCached),
            description: "Objects held in the informer cache");
        Counter("kuberpc.cache.lists", m => m.Lists, "Full LISTs completed, the initial one of each scope included");
        Counter("kuberpc.cache.relists", m => m.Relists, "Full relists after the watch history expired");
        Counter("kuberpc.cache.list_failures", m => m.ListFailures, "LIST attempts that failed (any page); each is retried with backoff");
        Counter("kuberpc.cache.events", m => m.EventsReceived, "Watch events received from the API server, bookmarks included");
        _meter.CreateObservableCounter("kuberpc.cache.watch_restarts", () => _informers.SelectMany(i =>
            i.Metrics.WatchRestartsByCause.Select(r => new Measurement<long>(r.Value, Kind(i), new("cause", r.Key.ToString())))),
            description: "Watch restarts by cause");
        _meter.CreateObservableGauge("kuberpc.cache.last_event_age", () => _informers.Select(i =>
            new Measurement<double>(i.Metrics.LastEventTime is { } t ? (DateTimeOffset.UtcNow - t).TotalSeconds : -1, Kind(i))),
            unit: "s", description: "Seconds since the informer last saw an event or bookmark (-1: none yet)");
    }

    public void Dispose() => _meter.Dispose();

    private void Counter(string name, Func<InformerMetrics, long> read, string description) =>
        _meter.CreateObservableCounter(name, () => PerKind(i => read(i.Metrics)), description: description);

    private IEnumerable<Measurement<long>> PerKind(Func<IInformerStatus, long> read) =>
        _informers.Select(i => new Measurement<long>(read(i), Kind(i)));

    private static KeyValuePair<string, object?> Kind(IInformerStatus informer) => new("kind", informer.Kind);
}
