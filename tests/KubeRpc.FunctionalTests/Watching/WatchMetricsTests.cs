using System.Globalization;
using System.Text.RegularExpressions;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Watching;

/// <summary>The watch metrics as a Prometheus scrape of the management endpoint shows them.</summary>
public sealed partial class WatchMetricsTests : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task EventsSent_CountsEveryMessageWrittenToAStream()
    {
        using var http = _host.CreateHttpClient();
        var before = await EventsSentAsync(http);
        using var watch = ServiceWatch.Start(_host, new WatchServicesRequest { LabelSelector = "app=metered" });
        await _host.Kubernetes.CreateAsync("m1", new Dictionary<string, string> { ["app"] = "metered" });
        await _host.Kubernetes.CreateAsync("m2", new Dictionary<string, string> { ["app"] = "metered" });
        // The stream may start before or after either create: ADDED then BOOKMARK, or BOOKMARK then ADDED.
        await watch.UntilAsync(w => w.InitialEventsEnded && w.State.Count == 2);

        // The initial-events bookmark and two ADDED at least (other tests' streams share the process-wide totals);
        // the exporter caches a scrape for a moment, so read until the count shows.
        var after = before;
        await Polling.UntilAsync(async () => (after = await EventsSentAsync(http)) >= before + 3,
            () => $"events_sent to count the 3 messages of the stream: it went from {before} to {after}");

        Assert.Equal(3, watch.Events.Count);
    }

    [Fact]
    public async Task QueueGauges_ScrapedPerKind()
    {
        using var http = _host.CreateHttpClient();
        using var watch = ServiceWatch.Start(_host, new WatchServicesRequest());
        await watch.UntilAsync(w => w.InitialEventsEnded);

        var scrape = await http.GetStringAsync("/metrics").DefaultTimeout();

        // Every stream here keeps up, so nothing stays queued; what matters is that both gauges are exported.
        Assert.Matches(new Regex("""^kuberpc_watch_queued_events\{[^}]*kind="Service"[^}]*\} \d+""", RegexOptions.Multiline), scrape);
        Assert.Matches(new Regex("""^kuberpc_watch_queue_depth_max\{[^}]*kind="Ingress"[^}]*\} \d+""", RegexOptions.Multiline), scrape);
    }

    private static async Task<long> EventsSentAsync(HttpClient http)
    {
        var scrape = await http.GetStringAsync("/metrics").DefaultTimeout();
        var match = EventsSentLine().Match(scrape);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex("""^kuberpc_watch_events_sent_total\{[^}]*kind="Service"[^}]*\} (\d+)""", RegexOptions.Multiline)]
    private static partial Regex EventsSentLine();
}
