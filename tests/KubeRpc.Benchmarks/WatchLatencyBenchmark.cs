using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using KubeRpc.V1;

namespace KubeRpc.Benchmarks;

/// <summary>
/// Watch delivery: the server on real loopback h2c (embedded cluster), N subscribers on WatchServices, a writer
/// creating Services through CreateService; latency from the write's acknowledgement to each subscriber's receipt.
/// </summary>
internal static class WatchLatencyBenchmark
{
    public static async Task RunAsync(IReadOnlyList<int> subscriberCounts, int eventsPerSecond, TimeSpan duration, TimeSpan warmUp,
        bool bookmarks)
    {
        var port = StreamChannels.FreePort();
        await using var app = await EmbeddedKubeRpc.StartAsync(port, new Dictionary<string, string?> { ["Watch:QueueCapacity"] = "10000" });
        var kube = app.Cluster();
        foreach (var ns in subscriberCounts.Select((_, i) => $"lat{i}").Append($"tput{subscriberCounts.Count}").Append("warmup"))
        {
            await k8s.CoreV1OperationsExtensions.CreateNamespaceAsync(kube.CoreV1,
                new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = ns } });
        }
        using var writerChannel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var writer = new ServiceManager.ServiceManagerClient(writerChannel);
        // Tiered JIT and PGO take seconds to settle after a start (performance.md §2.2): the first round at the
        // largest count runs on instrumented code. It is measured like the others, reported as discarded.
        if (warmUp > TimeSpan.Zero)
        {
            await LatencyRoundAsync(port, writer, "warmup", subscriberCounts.Max(), eventsPerSecond, warmUp, bookmarks, "warm-up, discarded: ");
        }
        var round = 0;
        foreach (var count in subscriberCounts)
        {
            await LatencyRoundAsync(port, writer, $"lat{round++}", count, eventsPerSecond, duration, bookmarks, "");
        }
        await ThroughputRoundAsync(port, writer, $"tput{round}", 100, TimeSpan.FromSeconds(10), bookmarks);
        await app.StopAsync();
    }

    private static async Task LatencyRoundAsync(int port, ServiceManager.ServiceManagerClient writer, string ns, int subscribers,
        int eventsPerSecond, TimeSpan duration, bool bookmarks, string label)
    {
        await using var watchers = await Subscribers.StartAsync(port, ns, subscribers, bookmarks);
        // The API's acknowledgement lies between the write being sent and its reply being received here: latency is
        // reported from both, a lower bound (reply received; an event that beats the reply counts as 0) and an upper one.
        var acked = new ConcurrentDictionary<string, (long Sent, long Received)>();
        var total = (int)(eventsPerSecond * duration.TotalSeconds);
        var interval = TimeSpan.FromSeconds(1.0 / eventsPerSecond);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * interval.TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            var sent = Stopwatch.GetTimestamp();
            var created = await writer.CreateServiceAsync(new CreateServiceRequest { Service = Service(ns, $"s{i}") });
            acked[created.Metadata.ResourceVersion] = (sent, Stopwatch.GetTimestamp());
        }
        await watchers.UntilEachHasAsync(total, TimeSpan.FromSeconds(60));
        var deliveries = watchers.Received.SelectMany(r => r).Where(e => acked.ContainsKey(e.Version)).ToList();
        var latencies = deliveries.Select(e => Math.Max(0, Stopwatch.GetElapsedTime(acked[e.Version].Received, e.Timestamp).TotalMilliseconds))
            .Order().ToArray();
        var fromSent = deliveries.Select(e => Stopwatch.GetElapsedTime(acked[e.Version].Sent, e.Timestamp).TotalMilliseconds).Order().ToArray();
        Console.WriteLine($"{label}watch latency, {subscribers} subscribers, {eventsPerSecond} events/s for {duration.TotalSeconds:0} s: " +
            $"p50 {P(latencies, 0.50):0.00} ms, p99 {P(latencies, 0.99):0.00} ms, max {latencies[^1]:0.00} ms " +
            $"(from the write sent: p50 {P(fromSent, 0.50):0.00} ms, p99 {P(fromSent, 0.99):0.00} ms) " +
            $"({latencies.Length} deliveries, ended early: {watchers.Ended})");
    }

    private static async Task ThroughputRoundAsync(int port, ServiceManager.ServiceManagerClient writer, string ns, int subscribers, TimeSpan duration,
        bool bookmarks)
    {
        await using var watchers = await Subscribers.StartAsync(port, ns, subscribers, bookmarks);
        var written = 0;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async w =>
        {
            while (sw.Elapsed < duration)
            {
                var i = Interlocked.Increment(ref written);
                await writer.CreateServiceAsync(new CreateServiceRequest { Service = Service(ns, $"t{i}") });
            }
        }));
        await watchers.UntilEachHasAsync(written, TimeSpan.FromSeconds(120));
        var elapsed = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"watch throughput, {subscribers} subscribers: {written} events written, " +
            $"{(double)written * subscribers / elapsed:0} messages/s delivered ({written / elapsed:0} events/s), ended early: {watchers.Ended}");
    }

    private static Service Service(string ns, string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = { ["app"] = name, ["tier"] = "fe" } },
        Spec = new ServiceSpec { Selector = { ["app"] = name }, Ports = { new ServicePort { Name = "http", Port = 80 } } },
    };

    private static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

    /// <summary>N WatchServices streams on a few channels, each recording (resource_version, receipt time).</summary>
    private sealed class Subscribers(int port) : IAsyncDisposable
    {
        private readonly StreamChannels _channels = new(port);
        private readonly List<Task> _readers = [];
        private readonly CancellationTokenSource _stop = new();
        private int _ended;

        public List<ConcurrentQueue<(string Version, long Timestamp)>> Received { get; } = [];

        public int Ended => Volatile.Read(ref _ended);

        public static async Task<Subscribers> StartAsync(int port, string ns, int count, bool bookmarks)
        {
            var subscribers = new Subscribers(port);
            var ready = new CountdownEvent(count);
            for (var i = 0; i < count; i++)
            {
                var client = new ServiceManager.ServiceManagerClient(subscribers._channels.For(i));
                var received = new ConcurrentQueue<(string, long)>();
                subscribers.Received.Add(received);
                subscribers._readers.Add(Task.Run(async () =>
                {
                    try
                    {
                        using var call = client.WatchServices(new WatchServicesRequest { Namespace = ns, AllowBookmarks = bookmarks }, cancellationToken: subscribers._stop.Token);
                        await foreach (var e in call.ResponseStream.ReadAllAsync(subscribers._stop.Token))
                        {
                            if (e.InitialEventsEnd)
                            {
                                ready.Signal();
                            }
                            else if (e.Type == EventType.Added)
                            {
                                received.Enqueue((e.ResourceVersion, Stopwatch.GetTimestamp()));
                            }
                        }
                    }
                    catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled)
                    {
                    }
                    catch (RpcException)
                    {
                        Interlocked.Increment(ref subscribers._ended);
                    }
                }));
            }
            await Task.Run(() => ready.Wait(TimeSpan.FromSeconds(60)));
            return subscribers;
        }

        public async Task UntilEachHasAsync(int events, TimeSpan limit)
        {
            var deadline = DateTime.UtcNow + limit;
            while (Received.Any(r => r.Count < events) && Ended == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_readers);
            _channels.Dispose();
            _stop.Dispose();
        }
    }
}
