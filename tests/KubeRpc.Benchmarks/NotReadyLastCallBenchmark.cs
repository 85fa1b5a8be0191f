using System.Diagnostics;
using System.Globalization;
using System.Net;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;
using k8s;
using k8s.Models;
using KubeRpc.Client;
using KubeRpc.FunctionalTests.Endpoints;

namespace KubeRpc.Benchmarks;

/// <summary>
/// Not ready -> last call: a steady stream of calls through a kuberpc:/// channel (round_robin) to backends behind the
/// Pods of one Service on the embedded cluster; one Pod's Ready condition is patched False, and the figure is the time
/// from that PATCH returning to the last call its backend served (0 when it served none after). The path measured: the
/// embedded cluster's EndpointSlice controller, KubeRpc's EndpointSlice informer and endpoint index, the
/// WatchServiceEndpoints stream, the resolver, the balancer's new picker, and any call already on its way.
/// </summary>
internal static class NotReadyLastCallBenchmark
{
    private const string Namespace = "shop";
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    public static async Task RunAsync(int tries, int backends, int callers)
    {
        Console.WriteLine($"\n## Not ready -> last call: {tries} tries (+1 discarded warm-up), {backends} backends, {callers} callers");
        var port = StreamChannels.FreePort();
        await using var app = await EmbeddedKubeRpc.StartAsync(port, new Dictionary<string, string?> { ["Emulator:PodCidr"] = "127.0.0.0/24" });
        var kube = app.Cluster();
        var pods = await SetUpAsync(kube, backends);
        await using var resolver = KubeRpcResolverServices.Create(options => options.Address = new Uri($"http://127.0.0.1:{port}"));
        using var channel = GrpcChannel.ForAddress("kuberpc:///web.shop:grpc", new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Insecure,
            ServiceConfig = new ServiceConfig { LoadBalancingConfigs = { new RoundRobinConfig() } },
            ServiceProvider = resolver,
        });
        using var stop = new CancellationTokenSource();
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var health = new Health.HealthClient(channel);
        var stream = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
                }
                catch (RpcException e)
                {
                    failures.AddOrUpdate($"{e.StatusCode}: {e.Status.Detail}", 1, (_, n) => n + 1);
                }
                await Task.Delay(2);
            }
        })).ToList();

        var figures = new List<double>();
        try
        {
            for (var i = 0; i <= tries; i++)
            {
                var (name, backend) = pods[i % pods.Count];
                var elapsed = await OneTryAsync(kube, name, backend);
                if (i > 0)
                {
                    figures.Add(elapsed.TotalMilliseconds);
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(stream);
        }
        figures.Sort();
        var served = pods.Sum(p => p.Backend.Calls);
        Console.WriteLine($"each (ms, sorted): {string.Join(' ', figures.Select(f => f.ToString("0.0", CultureInfo.InvariantCulture)))}");
        Console.WriteLine($"not ready patched -> last call served: p50 {Percentile(figures, 0.5):0.0} ms, p90 {Percentile(figures, 0.9):0.0} ms, max {figures[^1]:0.0} ms");
        Console.WriteLine($"calls served {served}, failed {failures.Values.Sum()}");
        foreach (var (failure, count) in failures)
        {
            Console.WriteLine($"  {count} x {failure}");
        }
        foreach (var (_, backend) in pods)
        {
            await backend.DisposeAsync();
        }
        await app.StopAsync();
    }

    private static async Task<TimeSpan> OneTryAsync(IKubernetes kube, string pod, Backend backend)
    {
        await UntilAsync(() => Stopwatch.GetElapsedTime(backend.LastCall) < TimeSpan.FromMilliseconds(100), $"{pod} to get calls");
        await SetReadyAsync(kube, pod, false);
        var patched = Stopwatch.GetTimestamp();
        // Done once it has served nothing for a while.
        await UntilAsync(() => Stopwatch.GetElapsedTime(Math.Max(backend.LastCall, patched)) > Quiet, $"{pod} to stop getting calls");
        var last = backend.LastCall;
        // Ready again, and serving, before the next try marks another Pod.
        await SetReadyAsync(kube, pod, true);
        var ready = Stopwatch.GetTimestamp();
        await UntilAsync(() => backend.LastCall > ready, $"{pod} to get calls again");
        return last > patched ? Stopwatch.GetElapsedTime(patched, last) : TimeSpan.Zero;
    }

    private static async Task<List<(string Name, Backend Backend)>> SetUpAsync(IKubernetes kube, int count)
    {
        await kube.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        await kube.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec
            {
                Selector = new Dictionary<string, string> { ["app"] = "web" },
                Ports = [new V1ServicePort { Name = "grpc", Port = 50051, TargetPort = "grpc" }],
            },
        }, Namespace);
        var port = StreamChannels.FreePort();
        var pods = new List<(string, Backend)>();
        for (var i = 1; i <= count; i++)
        {
            var name = $"web-{i}";
            await kube.CoreV1.CreateNamespacedPodAsync(new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = "web" } },
                Spec = new V1PodSpec
                {
                    Containers = [new V1Container { Name = "app", Image = "example/web:1", Ports = [new V1ContainerPort { Name = "grpc", ContainerPort = port }] }],
                },
            }, Namespace);
            string? ip = null;
            await UntilAsync(() =>
            {
                ip = kube.CoreV1.ReadNamespacedPod(name, Namespace).Status?.PodIP;
                return ip is not null;
            }, $"Pod {name} to get an IP");
            pods.Add((name, await Backend.StartAsync(name, IPAddress.Parse(ip!), port)));
        }
        return pods;
    }

    private static Task SetReadyAsync(IKubernetes kube, string pod, bool ready) =>
        kube.CoreV1.PatchNamespacedPodStatusAsync(
            new V1Patch("""{"status":{"conditions":[{"type":"Ready","status":"STATUS"}]}}""".Replace("STATUS", ready ? "True" : "False", StringComparison.Ordinal),
                V1Patch.PatchType.StrategicMergePatch),
            pod, Namespace);

    private static async Task UntilAsync(Func<bool> condition, string waitingFor)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > Bound)
            {
                throw new TimeoutException($"waited {Bound.TotalSeconds} s for {waitingFor}");
            }
            await Task.Delay(10);
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
}
