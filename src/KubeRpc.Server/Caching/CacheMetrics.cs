using KubeRpc.Server.Diagnostics;

namespace KubeRpc.Server.Caching;

/// <summary>The informers' state as metrics on the KubeRpc meter: objects cached, relists, watch restarts by cause, last event age.</summary>
internal sealed class CacheMetrics : IDisposable
{
    private readonly System.Diagnostics.Metrics.Meter _meter = new(Telemetry.Name);

    public CacheMetrics(IEnumerable<IInformerStatus> statuses)
    {
        var informers = statuses.Select(i => (i.Kind, Read: (Func<(long Objects, InformerMetrics Metrics)>)(() => (i.ObjectsCached, i.Metrics))))
            .ToArray();
        // One meter per host, disposed with it; OpenTelemetry listens to it by name.
        var meter = _meter;
        meter.CreateObservableGauge("kuberpc.cache.objects", () => informers.Select(i =>
            new System.Diagnostics.Metrics.Measurement<long>(i.Read().Objects, new KeyValuePair<string, object?>("kind", i.Kind))),
            description: "Objects held in the informer cache");
        meter.CreateObservableCounter("kuberpc.cache.relists", () => informers.Select(i =>
            new System.Diagnostics.Metrics.Measurement<long>(i.Read().Metrics.Relists, new KeyValuePair<string, object?>("kind", i.Kind))),
            description: "Full relists after the watch history expired");
        meter.CreateObservableCounter("kuberpc.cache.lists", () => informers.Select(i =>
            new System.Diagnostics.Metrics.Measurement<long>(i.Read().Metrics.Lists, new KeyValuePair<string, object?>("kind", i.Kind))),
            description: "Full LISTs completed, the initial one of each scope included");
        meter.CreateObservableCounter("kuberpc.cache.list_failures", () => informers.Select(i =>
            new System.Diagnostics.Metrics.Measurement<long>(i.Read().Metrics.ListFailures, new KeyValuePair<string, object?>("kind", i.Kind))),
            description: "LIST attempts that failed (any page); each is retried with backoff");
        meter.CreateObservableCounter("kuberpc.cache.events", () => informers.Select(i =>
            new System.Diagnostics.Metrics.Measurement<long>(i.Read().Metrics.EventsReceived, new KeyValuePair<string, object?>("kind", i.Kind))),
            description: "Watch events received from the API server, bookmarks included");
        meter.CreateObservableCounter("kuberpc.cache.watch_restarts", () => informers.SelectMany(i =>
            i.Read().Metrics.WatchRestartsByCause.Select(r => new System.Diagnostics.Metrics.Measurement<long>(r.Value,
                new KeyValuePair<string, object?>("kind", i.Kind), new KeyValuePair<string, object?>("cause", r.Key.ToString())))),
            description: "Watch restarts by cause");
        meter.CreateObservableGauge("kuberpc.cache.last_event_age", () => informers.Select(i =>
            new System.Diagnostics.Metrics.Measurement<double>(
                i.Read().Metrics.LastEventTime is { } t ? (DateTimeOffset.UtcNow - t).TotalSeconds : -1,
                new KeyValuePair<string, object?>("kind", i.Kind))),
            unit: "s", description: "Seconds since the informer last saw an event or bookmark (-1: none yet)");
    }

    public void Dispose() => _meter.Dispose();
}
