using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Grpc.Core;
using KubeRpc.Server.Caching;
using KubeRpc.Server.Watching;

namespace KubeRpc.UnitTests.Watching;

/// <summary>
/// The metrics that show relists reaching subscribers: relist batches and their changes, and resumes answered
/// OUT_OF_RANGE by cause.
/// </summary>
public sealed class ResumeMetricsTests
{
    // A kind of its own, so broadcasters of other tests running alongside do not add to the figures.
    private const string Kind = "ResumeMetricsTest";

    [Fact]
    public void RelistAndRefusedResumes_CountedByKindAndCause()
    {
        using var recorded = new Recorder(Kind);
        using var h = new BroadcasterHarness(kind: Kind, options: new WatchOptions { HistoryCapacity = 2, HistoryLimit = 2, HistoryRetention = TimeSpan.Zero });
        h.Apply(ResourceChangeType.Added, "a", 1);
        h.Apply(ResourceChangeType.Added, "b", 2);
        h.Relist(9, BroadcasterHarness.Obj("a", 1), BroadcasterHarness.Obj("c", 8));

        Assert.Equal(1, recorded.Sum("kuberpc.watch.relist_batches"));
        Assert.Equal(2, recorded.Sum("kuberpc.watch.relist_changes"));

        Refuse(h, 5);
        Refuse(h, 0);
        Assert.Equal(1, recorded.Sum("kuberpc.watch.resumes_out_of_range", "relist"));
        Assert.Equal(1, recorded.Sum("kuberpc.watch.resumes_out_of_range", "too_old"));
        Assert.Equal(0, recorded.Sum("kuberpc.watch.resumes_out_of_range", "out_of_order"));

        // A resume that succeeds counts nowhere.
        h.Broadcaster.Subscribe(new WatchSubscriber<string, TestEvent>(WatchFilter.Everything(), 10), false, 9);
        Assert.Equal(2, recorded.Sum("kuberpc.watch.resumes_out_of_range"));
    }

    private static void Refuse(BroadcasterHarness h, long from) =>
        Assert.Equal(StatusCode.OutOfRange, BroadcasterHarness.Refused(
            () => h.Broadcaster.Subscribe(new WatchSubscriber<string, TestEvent>(WatchFilter.Everything(), 10), false, from)).StatusCode);

    /// <summary>Counter increments of one kind, by instrument and cause.</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, string? Cause, long Value)> _measurements = new();

        public Recorder(string kind)
        {
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "KubeRpc" && instrument.Name.StartsWith("kuberpc.watch.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                string? ofKind = null, cause = null;
                foreach (var tag in tags)
                {
                    switch (tag.Key)
                    {
                        case "kind": ofKind = tag.Value as string; break;
                        case "cause": cause = tag.Value as string; break;
                    }
                }
                if (ofKind == kind)
                {
                    _measurements.Enqueue((instrument.Name, cause, value));
                }
            });
            _listener.Start();
        }

        public long Sum(string name, string? cause = null) =>
            _measurements.Where(m => m.Name == name && (cause is null || m.Cause == cause)).Sum(m => m.Value);

        public void Dispose() => _listener.Dispose();
    }
}
