using System.Diagnostics.Metrics;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Watching;

namespace KubeRpc.UnitTests.Watching;

/// <summary>The queue gauges as a metrics listener collects them: events queued in all, and on the deepest queue.</summary>
public sealed class QueueMetricsTests
{
    // A kind of its own, so broadcasters of other tests running alongside do not add to the figures.
    private const string Kind = "QueueMetricsTest";

    [Fact]
    public void Gauges_ReportQueuedEvents_UntilTheStreamsWriteThem()
    {
        using var h = new BroadcasterHarness(kind: Kind);
        var behind = new WatchSubscriber<string, TestEvent>(WatchFilter.Everything(), 10);
        var current = new WatchSubscriber<string, TestEvent>(WatchFilter.Everything(), 10);
        h.Broadcaster.Subscribe(behind, initialEvents: true, resumeFrom: 0);
        h.Broadcaster.Subscribe(current, initialEvents: true, resumeFrom: 0);
        for (var rv = 1; rv <= 3; rv++)
        {
            h.Apply(ResourceChangeType.Added, $"o{rv}", rv);
        }
        BroadcasterHarness.Drain(current);
        h.Apply(ResourceChangeType.Added, "o4", 4);

        Assert.Equal((5L, 4L), Collect());

        BroadcasterHarness.Drain(behind);
        BroadcasterHarness.Drain(current);
        Assert.Equal((0L, 0L), Collect());
    }

    [Fact]
    public void Gauges_DisposedBroadcaster_NoLongerReported()
    {
        var h = new BroadcasterHarness(kind: Kind + "Disposed");
        h.Broadcaster.Subscribe(new WatchSubscriber<string, TestEvent>(WatchFilter.Everything(), 10), initialEvents: true, resumeFrom: 0);
        h.Apply(ResourceChangeType.Added, "o", 1);
        Assert.Equal((1L, 1L), Collect(Kind + "Disposed"));

        h.Dispose();

        Assert.Null(Collect(Kind + "Disposed", allowNone: true));
    }

    /// <summary>(kuberpc.watch.queued_events, kuberpc.watch.queue_depth_max) for <paramref name="kind"/>.</summary>
    private static (long Total, long Deepest)? Collect(string kind = Kind, bool allowNone = false)
    {
        long? total = null, deepest = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "KubeRpc" && instrument.Name is "kuberpc.watch.queued_events" or "kuberpc.watch.queue_depth_max")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();
        listener.RecordObservableInstruments();
        if (total is null && deepest is null && allowNone)
        {
            return null;
        }
        return (total ?? throw new InvalidOperationException("no queued_events measurement"),
            deepest ?? throw new InvalidOperationException("no queue_depth_max measurement"));

        void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "kind" && (string?)tag.Value == kind)
                {
                    if (instrument.Name == "kuberpc.watch.queued_events")
                    {
                        total = value;
                    }
                    else
                    {
                        deepest = value;
                    }
                }
            }
        }
    }
}
