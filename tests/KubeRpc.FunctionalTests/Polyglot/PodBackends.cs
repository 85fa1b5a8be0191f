using System.Net;
using k8s;
using k8s.Models;
using KubeRpc.FunctionalTests.Endpoints;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Polyglot;

/// <summary>
/// KubeRpc on a socket whose embedded cluster gives Pods loopback IPs (<c>Emulator:PodCidr=127.0.0.0/24</c>, lowest free
/// first), and Service <see cref="Service"/> in <see cref="Namespace"/> with port <see cref="PortName"/> whose Pods are
/// <see cref="Backend"/>s listening at those IPs: 127.0.0.2, .3, … (127.0.0.1, where KubeRpc listens, goes to a
/// placeholder Pod the Service does not select).
/// </summary>
internal sealed class PodBackends : IAsyncDisposable
{
    public const string Namespace = "shop";
    public const string Service = "web";
    public const string PortName = "grpc";

    private PodBackends(KubeRpcHost host, List<Backend> backends)
    {
        Host = host;
        Backends = backends;
    }

    public KubeRpcHost Host { get; }

    /// <summary>KubeRpc's host:port.</summary>
    public string GrpcAddress => new Uri(Host.Address!).Authority;

    /// <summary>The backend of Pod <see cref="PodName"/>(i) is the i-th.</summary>
    public IReadOnlyList<Backend> Backends { get; }

    public static string PodName(int index) => $"{Service}-{index}";

    /// <summary>The backends' addresses as gRPC clients print peers: ip:port.</summary>
    public IEnumerable<string> Addresses(params int[] indexes) => indexes.Select(i => Backends[i].EndPoint.ToString());

    public static async Task<PodBackends> StartAsync(int count)
    {
        var host = await KubeRpcHost.StartOnSocketAsync(new Dictionary<string, string?> { ["Emulator:PodCidr"] = "127.0.0.0/24" })
            .DefaultTimeout();
        var backends = new List<Backend>();
        var started = new PodBackends(host, backends);
        try
        {
            await host.Kubernetes.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } })
                .DefaultTimeout();
            await started.RunPodAsync("placeholder", containerPort: null, IPAddress.Parse("127.0.0.1"));
            // One port for all, as Pods of one template have: the first backend picks a free one.
            for (var i = 0; i < count; i++)
            {
                var address = IPAddress.Parse($"127.0.0.{i + 2}");
                var backend = await Backend.StartAsync(PodName(i), address, i == 0 ? 0 : backends[0].EndPoint.Port).DefaultTimeout();
                backends.Add(backend);
                await started.RunPodAsync(PodName(i), backend.EndPoint.Port, address);
            }
            await host.Kubernetes.CoreV1.CreateNamespacedServiceAsync(new V1Service
            {
                Metadata = new V1ObjectMeta { Name = Service },
                Spec = new V1ServiceSpec
                {
                    Selector = new Dictionary<string, string> { ["app"] = Service },
                    Ports = [new V1ServicePort { Name = PortName, Port = 80, TargetPort = PortName }],
                },
            }, Namespace).DefaultTimeout();
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    /// <summary>Marks the i-th Pod not ready, as a failing readiness probe would; the simulated kubelet leaves it so.</summary>
    public Task MarkNotReadyAsync(int index) => Host.Kubernetes.CoreV1.PatchNamespacedPodStatusAsync(
        new V1Patch("""{"status":{"conditions":[{"type":"Ready","status":"False"}]}}""", V1Patch.PatchType.StrategicMergePatch),
        PodName(index), Namespace).DefaultTimeout();

    /// <summary>Waits until KubeRpc's ResolveServiceEndpoints of <paramref name="service"/> satisfies <paramref name="until"/>.</summary>
    public Task UntilKubeRpcShowsAsync(string service, Func<ServiceEndpoints, bool> until, string waitingFor) =>
        Polling.UntilAsync(async () => until(await Host.Services.ResolveServiceEndpointsAsync(
            new ResolveServiceEndpointsRequest { Namespace = Namespace, Name = service }).ResponseAsync.DefaultTimeout()),
            () => "KubeRpc to show " + waitingFor, TimeSpan.FromSeconds(30));

    /// <summary>
    /// Creates a Pod (labelled for the Service when it has a port) and waits until it runs at <paramref name="expected"/>:
    /// Pods are created one at a time, so each gets the lowest free address.
    /// </summary>
    private async Task RunPodAsync(string name, int? containerPort, IPAddress expected)
    {
        await Host.Kubernetes.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                Labels = containerPort is null ? null : new Dictionary<string, string> { ["app"] = Service },
            },
            Spec = new V1PodSpec
            {
                Containers =
                [
                    new V1Container
                    {
                        Name = "app", Image = "example/app:1",
                        Ports = containerPort is { } port ? [new V1ContainerPort { Name = PortName, ContainerPort = port }] : null,
                    },
                ],
            },
        }, Namespace).DefaultTimeout();
        string? ip = null;
        await Polling.UntilAsync(async () =>
        {
            ip = (await Host.Kubernetes.CoreV1.ReadNamespacedPodAsync(name, Namespace).DefaultTimeout()).Status?.PodIP;
            return ip is not null;
        }, () => $"pod {name} to get an IP");
        Assert.True(ip == expected.ToString(), $"pod {name} got {ip}, its backend listens on {expected}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var backend in Backends)
        {
            await backend.DisposeAsync();
        }
        await Host.DisposeAsync();
    }
}
