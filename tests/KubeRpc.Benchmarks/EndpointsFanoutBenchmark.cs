using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;

namespace KubeRpc.Benchmarks;

/// <summary>
/// Endpoint fan-out: a selectorless Service whose EndpointSlice the benchmark writes itself (so nothing but the write
/// moves the set), N WatchServiceEndpoints subscribers on a few HTTP/2 connections, and per write the time until each
/// subscriber has the new set. Writes go one at a time, the next once every subscriber has the last, so no change is
/// coalesced with another. The clock starts just before the write (a JSON merge patch of the slice's endpoints, to the
/// in-process embedded cluster) is sent; figures from its reply are shown beside, a lower bound.
/// </summary>
internal static class EndpointsFanoutBenchmark
{
    private const string Namespace = "fanout";
    private const string Service = "web";
    private const string Slice = "web-manual";
    private static readonly TimeSpan DeliveryLimit = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(int subscribers, int channels, int endpoints, int tries, int warmUp)
    {
        Console.WriteLine($"\n## Endpoints fan-out: EndpointSlice write -> new set at each of {subscribers} WatchServiceEndpoints " +
            $"subscribers ({channels} channels), {endpoints} endpoints, {tries} writes (+{warmUp} discarded warm-up)");
        var port = StreamChannels.FreePort();
        await using var app = await EmbeddedKubeRpc.StartAsync(port);
        var kube = app.Cluster();
        await SetUpAsync(kube, endpoints);

        var writes = warmUp + tries;
        var watchers = await EndpointWatchers.StartAsync(port, Namespace, Service, subscribers, channels, writes);
        var fromSent = new List<double>(tries * subscribers);
        var fromReply = new List<double>(tries * subscribers);
        var lastPerWrite = new List<double>(tries);
        for (var write = 1; write <= writes && watchers.Ended == 0; write++)
        {
            var patch = new V1Patch(new { endpoints = Endpoints(write, endpoints) }, V1Patch.PatchType.MergePatch);
            var sent = Stopwatch.GetTimestamp();
            await kube.DiscoveryV1.PatchNamespacedEndpointSliceAsync(patch, Slice, Namespace);
            var replied = Stopwatch.GetTimestamp();
            if (!await watchers.UntilAllHaveAsync(write, DeliveryLimit))
            {
                Console.WriteLine($"write {write}: {watchers.Missing(write)} subscribers did not get it within {DeliveryLimit.TotalSeconds:0} s " +
                    $"(streams ended: {watchers.Ended}); stopping");
                break;
            }
            if (write > warmUp)
            {
                var times = watchers.ReceivedAt(write);
                fromSent.AddRange(times.Select(t => Stopwatch.GetElapsedTime(sent, t).TotalMilliseconds));
                fromReply.AddRange(times.Select(t => Math.Max(0, Stopwatch.GetElapsedTime(replied, t).TotalMilliseconds)));
                lastPerWrite.Add(Stopwatch.GetElapsedTime(sent, times.Max()).TotalMilliseconds);
            }
        }
        var ended = watchers.Ended;
        await watchers.DisposeAsync(); // before the server stops, which would end the streams
        if (fromSent.Count > 0)
        {
            fromSent.Sort();
            fromReply.Sort();
            lastPerWrite.Sort();
            Console.WriteLine($"write sent -> subscriber has the new set: p50 {P(fromSent, 0.50):0.00} ms, p99 {P(fromSent, 0.99):0.00} ms, " +
                $"max {fromSent[^1]:0.00} ms ({fromSent.Count} samples = {lastPerWrite.Count} writes x {subscribers} subscribers; target p99 <= 100 ms)");
            Console.WriteLine($"from the write's reply (lower bound): p50 {P(fromReply, 0.50):0.00} ms, p99 {P(fromReply, 0.99):0.00} ms, " +
                $"max {fromReply[^1]:0.00} ms");
            Console.WriteLine($"write sent -> the last of the {subscribers} subscribers has it, per write: p50 {P(lastPerWrite, 0.50):0.00} ms, " +
                $"max {lastPerWrite[^1]:0.00} ms; streams ended early: {ended}");
        }
        await app.StopAsync();
    }

    private static async Task SetUpAsync(IKubernetes kube, int endpoints)
    {
        await kube.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        // No selector: the EndpointSlice controller leaves the Service alone, and only this benchmark writes its slice.
        await kube.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = Service },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "grpc", Port = 80, TargetPort = 8080 }] },
        }, Namespace);
        await kube.DiscoveryV1.CreateNamespacedEndpointSliceAsync(new V1EndpointSlice
        {
            Metadata = new V1ObjectMeta
            {
                Name = Slice,
                Labels = new Dictionary<string, string>
                {
                    ["kubernetes.io/service-name"] = Service,
                    ["endpointslice.kubernetes.io/managed-by"] = "bench.kuberpc.io",
                },
            },
            AddressType = "IPv4",
            Ports = [new Discoveryv1EndpointPort { Name = "grpc", Port = 8080, Protocol = "TCP" }],
            Endpoints = Endpoints(0, endpoints),
        }, Namespace);
    }

    /// <summary>
    /// The slice's endpoints after write <paramref name="write"/>: <paramref name="count"/> - 1 fixed ones and a marker
    /// whose address encodes the write (<see cref="EndpointWatchers.Write"/> reads it back).
    /// </summary>
    private static List<V1Endpoint> Endpoints(int write, int count) =>
    [
        .. Enumerable.Range(1, count - 1).Select(i => Endpoint(string.Create(CultureInfo.InvariantCulture, $"10.0.{i >> 8}.{i & 255}"))),
        Endpoint(EndpointWatchers.MarkerAddress(write)),
    ];

    private static V1Endpoint Endpoint(string address) => new()
    {
        Addresses = [address],
        Conditions = new V1EndpointConditions { Ready = true, Serving = true, Terminating = false },
    };

    private static double P(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
}
