using System.Net;
using System.Net.Sockets;
using k8s;
using k8s.Models;
using KubeRpc.FunctionalTests.Infrastructure;

namespace KubeRpc.FunctionalTests.Endpoints;

/// <summary>
/// Service <c>web</c> in namespace <c>shop</c> (selector app=web, port <c>grpc</c> 50051, targetPort <c>grpc</c>) on the
/// embedded cluster, and its Pods, each with a <see cref="Backend"/> listening at the Pod's IP (a loopback address when
/// the pod CIDR is 127.0.0.0/24) on one port, the Pods' container port named <c>grpc</c>.
/// </summary>
public sealed class WebService : IAsyncDisposable
{
    public const string Namespace = "shop";
    public const string Name = "web";
    public const string PortName = "grpc";

    private readonly IKubernetes _kube;
    private readonly Dictionary<string, Backend> _backends = [];

    private WebService(IKubernetes kube, int port)
    {
        _kube = kube;
        Port = port;
    }

    /// <summary>The port every backend listens on, at its own Pod IP.</summary>
    public int Port { get; }

    public IReadOnlyDictionary<string, Backend> Backends => _backends;

    public static async Task<WebService> CreateAsync(IKubernetes kube)
    {
        await kube.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } }).DefaultTimeout();
        await kube.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = Name },
            Spec = new V1ServiceSpec
            {
                Selector = new Dictionary<string, string> { ["app"] = "web" },
                Ports = [new V1ServicePort { Name = PortName, Port = 50051, TargetPort = PortName, AppProtocol = "kubernetes.io/h2c" }],
            },
        }, Namespace).DefaultTimeout();
        return new WebService(kube, FreePort());
    }

    /// <summary>Creates Pod <paramref name="pod"/> (app=web), waits for the IP the simulated kubelet gives it, and starts its backend there.</summary>
    public async Task<Backend> AddAsync(string pod)
    {
        await _kube.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = pod, Labels = new Dictionary<string, string> { ["app"] = "web" } },
            Spec = new V1PodSpec
            {
                Containers = [new V1Container { Name = "app", Image = "example/web:1", Ports = [new V1ContainerPort { Name = PortName, ContainerPort = Port }] }],
            },
        }, Namespace).DefaultTimeout();
        string? ip = null;
        await Polling.UntilAsync(async () =>
        {
            ip = (await _kube.CoreV1.ReadNamespacedPodAsync(pod, Namespace).DefaultTimeout()).Status?.PodIP;
            return ip is not null;
        }, () => $"Pod {pod} to get an IP");
        var backend = await Backend.StartAsync(pod, IPAddress.Parse(ip!), Port);
        _backends.Add(pod, backend);
        return backend;
    }

    /// <summary>Sets the Pod's Ready condition, as a failing readiness probe would; the simulated kubelet leaves it so.</summary>
    public Task SetReadyAsync(string pod, bool ready) =>
        _kube.CoreV1.PatchNamespacedPodStatusAsync(
            new V1Patch("""{"status":{"conditions":[{"type":"Ready","status":"STATUS"}]}}""".Replace("STATUS", ready ? "True" : "False", StringComparison.Ordinal),
                V1Patch.PatchType.StrategicMergePatch),
            pod, Namespace).DefaultTimeout();

    /// <summary>Deletes the Pod (gracefully: Terminating first); its backend keeps running, as a container in its grace period would.</summary>
    public Task DeleteAsync(string pod) => _kube.CoreV1.DeleteNamespacedPodAsync(pod, Namespace).DefaultTimeout();

    public async ValueTask DisposeAsync()
    {
        foreach (var backend in _backends.Values)
        {
            await backend.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
