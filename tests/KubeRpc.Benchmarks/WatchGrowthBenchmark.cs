using System.Diagnostics;
using System.Globalization;
using Grpc.Net.Client;
using KubeRpc.V1;
using Microsoft.AspNetCore.Builder;

namespace KubeRpc.Benchmarks;

/// <summary>
/// The watches section of the growth table: KubeRpc (embedded cluster, loopback h2c) in this process, N WatchServices
/// subscribers in a child process (<see cref="WatchClientProcess"/>), a writer here creating Services at a steady
/// rate. Every stream resumes from the same resource_version with bookmarks off, so the k-th message of each stream is
/// the k-th write; latency runs from the write's reply (and from its sending) to each receipt. Each round is followed
/// by the same round against <see cref="BareFanoutServer"/>, the ceiling.
/// </summary>
/// <remarks>
/// A round: a fresh namespace; a Service whose resource_version the streams start from; the child opens the streams;
/// one more Service (the primer) reaches every stream, which proves each subscribed; then the timed writes. The
/// server heap per idle stream is read at the largest count, between the primer and the timed writes.
/// </remarks>
internal static class WatchGrowthBenchmark
{
    public static async Task RunAsync(IReadOnlyList<int> subscriberCounts, int eventsPerSecond, TimeSpan duration, TimeSpan warmUp,
        int streamsPerConnection)
    {
        var port = StreamChannels.FreePort();
        var largest = subscriberCounts.Max();
        await using var app = await EmbeddedKubeRpc.StartAsync(port, new Dictionary<string, string?>
        {
            ["Watch:MaxSubscriptions"] = $"{Math.Max(10_000, largest + 100)}",
            ["Limits:WatchesPerCaller"] = "0",
        });
        using var writerChannel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var writer = new ServiceManager.ServiceManagerClient(writerChannel);
        // The bare server writes the ServiceEvent a subscriber gets for a typical created Service.
        await CreateNamespaceAsync(app, "growth-sample");
        var sample = await writer.CreateServiceAsync(new CreateServiceRequest { Service = Service("growth-sample", "sample") });
        var barePort = StreamChannels.FreePort();
        await using var bare = await BareFanoutServer.StartAsync(barePort, 1000,
            new ServiceEvent { Type = EventType.Added, Service = sample, ResourceVersion = sample.Metadata.ResourceVersion });
        Console.WriteLine($"# watches: WatchServices from a known resource_version, bookmarks off, {eventsPerSecond} creates/s; " +
            $"subscribers in a separate process on raw h2c connections of {streamsPerConnection} streams; latency from the create's reply. " +
            $"Ceiling: a bare Grpc.AspNetCore server writing the same ServiceEvent ({sample.CalculateSize() + 8} B) to every stream " +
            $"{eventsPerSecond} times/s, read the same way, in the same run");
        var round = 0;
        if (warmUp > TimeSpan.Zero)
        {
            // Tiered JIT and PGO settle for seconds after a start (performance.md §2.2): a discarded round first.
            var warm = await KubeRpcRoundAsync(app, port, writer, $"growth{round++}", largest, eventsPerSecond, warmUp, streamsPerConnection, false);
            Console.WriteLine($"# warm-up, discarded: KubeRpc {warm.Describe()}");
            warm = await BareRoundAsync(bare, barePort, largest, eventsPerSecond, warmUp, streamsPerConnection);
            Console.WriteLine($"# warm-up, discarded: bare {warm.Describe()}");
        }
        foreach (var count in subscriberCounts)
        {
            var result = await KubeRpcRoundAsync(app, port, writer, $"growth{round++}", count, eventsPerSecond, duration, streamsPerConnection,
                count == largest);
            Console.WriteLine($"# KubeRpc {result.Describe()}");
            var ceiling = await BareRoundAsync(bare, barePort, count, eventsPerSecond, duration, streamsPerConnection);
            Console.WriteLine($"# bare {ceiling.Describe()}");
            // CPU per delivery goes in the row only where the deliveries' CPU dwarfs the writes' and the idle process's.
            var cpu = count < 10_000 ? "" : string.Create(CultureInfo.InvariantCulture,
                $"; server CPU per delivery {result.ServerCpuPerDelivery:0.0} µs, bare {ceiling.ServerCpuPerDelivery:0.0} µs");
            var target = count == 10_000;
            var met = result.P99 <= 100 && result.Ended == 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| watches | WatchServices, {count:N0} subscribers, {eventsPerSecond} events/s, p99 from the write's reply (client out of process) | " +
                $"p99 {result.P99:0.0} ms (p50 {result.P50:0.0}, max {result.Max:0}; ended {result.Ended}) | bare stream p99 {ceiling.P99:0.0} ms " +
                $"(p50 {ceiling.P50:0.0}, max {ceiling.Max:0}) | {result.P99 / ceiling.P99:0.00} x bare p99{cpu} | " +
                $"{(target ? "p99 <= 100 ms, none ended" : "-")} | {(target ? met ? "yes" : "no" : "-")} |"));
            if (result.HeapPerStream is { } heap)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| watches | server heap per idle WatchServices stream ({count:N0} open) | {heap / 1024.0:0.0} KiB | - | " +
                    $"(heap with the streams open - heap before) / {count:N0} | - | - |"));
            }
        }
        await app.StopAsync();
    }

    private static async Task<Result> KubeRpcRoundAsync(WebApplication app, int port, ServiceManager.ServiceManagerClient writer, string ns,
        int subscribers, int eventsPerSecond, TimeSpan duration, int streamsPerConnection, bool measureHeap)
    {
        await CreateNamespaceAsync(app, ns);
        var from = (await writer.CreateServiceAsync(new CreateServiceRequest { Service = Service(ns, "from") })).Metadata.ResourceVersion;
        var i = 0;
        return await RoundAsync(port, ns, from, subscribers, eventsPerSecond, duration, streamsPerConnection, measureHeap,
            async () => await writer.CreateServiceAsync(new CreateServiceRequest { Service = Service(ns, $"s{i++}") }));
    }

    private static Task<Result> BareRoundAsync(BareFanoutServer bare, int port, int subscribers, int eventsPerSecond, TimeSpan duration,
        int streamsPerConnection) =>
        RoundAsync(port, "", $"{bare.Published}", subscribers, eventsPerSecond, duration, streamsPerConnection, false, () =>
        {
            bare.Publish();
            return Task.CompletedTask;
        });

    /// <summary>
    /// The child opens the streams from <paramref name="from"/>; the first <paramref name="write"/> (the primer) must
    /// reach every one; then <paramref name="eventsPerSecond"/> writes for <paramref name="duration"/>, timed.
    /// </summary>
    private static async Task<Result> RoundAsync(int port, string ns, string from, int subscribers, int eventsPerSecond, TimeSpan duration,
        int streamsPerConnection, bool measureHeap, Func<Task> write)
    {
        var total = (int)(eventsPerSecond * duration.TotalSeconds);
        long heapBefore = measureHeap ? GC.GetTotalMemory(true) : 0;
        using var child = await WatchClientProcess.StartAsync(port, ns, subscribers, from, streamsPerConnection, total + 1);
        await write();
        _ = await child.ReadyAsync(TimeSpan.FromSeconds(120));
        long? heapPerStream = measureHeap ? (GC.GetTotalMemory(true) - heapBefore) / subscribers : null;
        var sent = new long[total];
        var replied = new long[total];
        // The process's CPU with the streams open and idle (the cache, timers, the last round's streams closing), so that
        // CPU per delivery can also be given net of it (noisy: the idle rate moves from one second to the next).
        var self = Process.GetCurrentProcess();
        var idleFrom = self.TotalProcessorTime;
        var idleStart = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(1));
        self.Refresh();
        var idleCores = (self.TotalProcessorTime - idleFrom) / Stopwatch.GetElapsedTime(idleStart);
        var cpuBefore = self.TotalProcessorTime;
        var childCpuBefore = child.Cpu;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), start + (long)(i * Stopwatch.Frequency / (double)eventsPerSecond));
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            sent[i] = Stopwatch.GetTimestamp();
            await write();
            replied[i] = Stopwatch.GetTimestamp();
        }
        var (times, ended) = await child.CollectAsync(total + 1, TimeSpan.FromSeconds(60));
        var elapsed = Stopwatch.GetElapsedTime(start);
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        self.Refresh();
        var serverCpu = self.TotalProcessorTime - cpuBefore;
        var netServerCpu = serverCpu - idleCores * elapsed;
        var childCpu = child.Cpu - childCpuBefore;
        var fromReply = new List<double>(subscribers * total);
        var fromSent = new List<double>(subscribers * total);
        foreach (var stream in times)
        {
            // Message 0 is the primer; message k is write k-1.
            for (var k = 1; k < stream.Length; k++)
            {
                fromReply.Add(Math.Max(0, Stopwatch.GetElapsedTime(replied[k - 1], stream[k]).TotalMilliseconds));
                fromSent.Add(Stopwatch.GetElapsedTime(sent[k - 1], stream[k]).TotalMilliseconds);
            }
        }
        fromReply.Sort();
        fromSent.Sort();
        var deliveries = fromReply.Count;
        return new Result(subscribers, total, deliveries, P(fromReply, 0.50), P(fromReply, 0.99), fromReply.Count == 0 ? double.NaN : fromReply[^1],
            P(fromSent, 0.99), ended, serverCpu.TotalMicroseconds / Math.Max(1, deliveries),
            Math.Max(0, netServerCpu.TotalMicroseconds) / Math.Max(1, deliveries), childCpu.TotalMicroseconds / Math.Max(1, deliveries),
            serverCpu / elapsed, idleCores, childCpu / elapsed, (double)allocated / Math.Max(1, deliveries), heapPerStream);
    }

    private static Task CreateNamespaceAsync(WebApplication app, string ns) =>
        k8s.CoreV1OperationsExtensions.CreateNamespaceAsync(app.Cluster().CoreV1, new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = ns } });

    private static Service Service(string ns, string name) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = { ["app"] = name, ["tier"] = "fe" } },
        Spec = new ServiceSpec { Selector = { ["app"] = name }, Ports = { new ServicePort { Name = "http", Port = 80 } } },
    };

    private static double P(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];

    private sealed record Result(int Subscribers, int Writes, int Deliveries, double P50, double P99, double Max, double FromSentP99, int Ended,
        double ServerCpuPerDelivery, double NetServerCpuPerDelivery, double ClientCpuPerDelivery, double ServerCores, double IdleCores, double ClientCores, double AllocatedPerDelivery, long? HeapPerStream)
    {
        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"{Subscribers} subscribers, {Writes} writes, {Deliveries} of {Subscribers * Writes} deliveries timed: p50 {P50:0.00} ms, " +
            $"p99 {P99:0.00} ms, max {Max:0.00} ms (from sent p99 {FromSentP99:0.00} ms), ended {Ended}; CPU per delivery: server " +
            $"{ServerCpuPerDelivery:0.0} µs (with the writes; {NetServerCpuPerDelivery:0.0} µs net of idle), client {ClientCpuPerDelivery:0.0} µs; cores busy: server " +
            $"{ServerCores:0.00} (idle {IdleCores:0.00}), " +
            $"client {ClientCores:0.00}; server allocated {AllocatedPerDelivery:0} B per delivery (with the writes)");
    }
}
