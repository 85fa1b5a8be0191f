using k8s.Models;
using KubeRpc.Server.Caching;
using KubeRpc.V1;

namespace KubeRpc.Server.Diagnostics;

/// <summary>The informers' state as metrics on the KubeRpc meter: objects cached, relists, watch restarts by cause, last event age.</summary>
internal sealed class CacheMetrics : IDisposable
{
    private readonly System.Diagnostics.Metrics.Meter _meter = new(Telemetry.Name);

    public CacheMetrics(IServiceProvider services)
    {
        var informers = new (string Kind, Func<(long Objects, InformerMetrics Metrics)> Read)[]
        {
            ("Service", Reader(services.GetRequiredService<ResourceInformer<Service, V1Service>>())),
            ("Ingress", Reader(services.GetRequiredService<ResourceInformer<Ingress, V1Ingress>>())),
        };
        // One meter per host, disposed with it; OpenTelemetry listens to it by name.
        var meter = _meter;
        meter.CreateObservableGauge("kuberpc.cache.objects", () => informers.Select(i =>
            new System.Diagnostics.Metrics.Measurement<long>(i.Read().Objects, new KeyValuePair<string, object?>("kind", i.Kind))),
            description: "Objects held in the informer cache");
        meter.CreateObservableCounter("kuberpc.cache.relists", () => informers.Select(i =>
            new System.Diagnostics.Metrics.Measurement<long>(i.Read().Metrics.Relists, new KeyValuePair<string, object?>("kind", i.Kind))),
            description: "Full relists after the watch history expired");
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

    private static Func<(long, InformerMetrics)> Reader<TProto, TModel>(ResourceInformer<TProto, TModel> informer)
        where TProto : class, Google.Protobuf.IMessage<TProto>
        where TModel : class, k8s.IKubernetesObject<V1ObjectMeta> =>
        () => (informer.ObjectsCached, informer.Metrics);
}
