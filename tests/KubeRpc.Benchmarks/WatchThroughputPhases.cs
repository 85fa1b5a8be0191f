using System.Globalization;
using KubeRpc.Benchmarks.Echo;
using KubeRpc.V1;

namespace KubeRpc.Benchmarks;

/// <summary>
/// The three windows the throughput benchmark interleaves, each with fresh readers: the bare server stream, KubeRpc
/// sustained (paced changes, live MODIFIED events), and KubeRpc replaying a burst out of its history.
/// </summary>
internal sealed class WatchThroughputPhases(WatchThroughputHost host, int subscribers, bool parse, int payloadSize, bool bareEvent)
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(2);

    /// <summary>
    /// N bare streams written as fast as the server can: of EchoReply the size of a ServiceEvent, or (bareEvent) of
    /// the ServiceEvent itself.
    /// </summary>
    public async Task<ThroughputPhase> BareAsync(TimeSpan duration)
    {
        await using var readers = await StreamReaders.StartAsync(host.Bare.Port, subscribers,
            bareEvent ? StreamMethods.BareEvents(parse) : StreamMethods.BareStream(parse),
            new StreamRequest { Count = 0, PayloadSize = payloadSize }, readyAfter: 1, ReadyLimit);
        var before = readers.Delivered();
        var meter = new ThroughputPhase.Meter();
        await Task.Delay(duration);
        var messages = readers.Delivered() - before;
        return new ThroughputPhase(bareEvent ? "bare stream of the ServiceEvent" : "bare stream", messages, meter.Read(), readers.Ended, readers.FirstEnd);
    }

    /// <summary>N watches of the namespace while the source changes the pool at <paramref name="perSecond"/> events/s.</summary>
    public async Task<ThroughputPhase> SustainedAsync(double perSecond, TimeSpan duration, string name = "KubeRpc sustained")
    {
        await host.SettleAsync();
        await using var readers = await StreamReaders.StartAsync(host.Port, subscribers, StreamMethods.WatchServices(parse),
            new WatchServicesRequest { Namespace = WatchThroughputHost.Namespace }, readyAfter: host.Pool + 1, ReadyLimit, host.Diagnose);
        var before = readers.Delivered();
        var meter = new ThroughputPhase.Meter();
        var written = await host.Source.RunAsync(perSecond, duration);
        var messages = readers.Delivered() - before;
        var used = meter.Read();
        var drained = await readers.UntilEachHasAsync(written.Written, DrainLimit);
        return new ThroughputPhase(name, messages, used, readers.Ended, readers.FirstEnd)
        {
            EventsPerSecond = written.PerSecond,
            OfferedPerSecond = perSecond,
            Drained = drained,
        };
    }

    /// <summary>The source alone at <paramref name="perSecond"/>, no watch open: the producing side's CPU per event.</summary>
    public async Task<ThroughputPhase> SourceAloneAsync(double perSecond, TimeSpan duration)
    {
        await host.SettleAsync();
        var meter = new ThroughputPhase.Meter();
        var written = await host.Source.RunAsync(perSecond, duration);
        await host.SettleAsync();
        return new ThroughputPhase("changes alone", written.Written, meter.Read(), 0, null)
        {
            EventsPerSecond = written.PerSecond,
            OfferedPerSecond = perSecond,
        };
    }

    /// <summary>
    /// The producing side's ceiling: the source unpaced for <paramref name="duration"/>, no watch open, timed until
    /// KubeRpc's cache has the last change (the source's watch and the informer are one ordered chain per kind).
    /// </summary>
    public async Task<ThroughputPhase> ProducingCeilingAsync(TimeSpan duration)
    {
        await host.SettleAsync();
        var meter = new ThroughputPhase.Meter();
        var written = await host.Source.RunAsync(0, duration);
        await host.SettleAsync();
        var used = meter.Read();
        return new ThroughputPhase("changes alone, unpaced", written.Written, used, 0, null)
        {
            EventsPerSecond = written.Written / used.Elapsed.TotalSeconds,
            OfferedPerSecond = written.PerSecond,
        };
    }

    /// <summary>
    /// <paramref name="events"/> changes written with no watch open, then N watches resuming from the version before
    /// them: the history is replayed to every reader at once, with no writer competing. Timed from the first watch
    /// opening to the last reader having every event.
    /// </summary>
    public async Task<ThroughputPhase> ReplayAsync(int events)
    {
        if (host.Source.LastResourceVersion == 0)
        {
            await host.Source.WriteAsync(1);
        }
        await host.SettleAsync();
        var from = host.Source.LastResourceVersion;
        await host.Source.WriteAsync(events);
        await host.SettleAsync();
        var meter = new ThroughputPhase.Meter();
        var request = new WatchServicesRequest
        {
            Namespace = WatchThroughputHost.Namespace,
            ResourceVersion = from.ToString(CultureInfo.InvariantCulture),
        };
        await using var readers = await StreamReaders.StartAsync(host.Port, subscribers, StreamMethods.WatchServices(parse),
            request, readyAfter: 1, ReadyLimit);
        var drained = await readers.UntilEachHasAsync(events - 1, TimeSpan.FromSeconds(120));
        return new ThroughputPhase($"KubeRpc replay of {events:N0}", readers.Delivered() + subscribers, meter.Read(), readers.Ended, readers.FirstEnd)
        {
            Drained = drained,
        };
    }
}
