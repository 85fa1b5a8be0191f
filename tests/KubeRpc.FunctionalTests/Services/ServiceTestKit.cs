using Google.Rpc;
using Grpc.Core;
using k8s;
using k8s.Models;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.V1;
using IntOrString = KubeRpc.V1.IntOrString;

namespace KubeRpc.FunctionalTests.Services;

/// <summary>Builders, bounded calls and error assertions shared by the Service and error tests.</summary>
internal static class ServiceTestKit
{
    /// <summary>The domain every KubeRpc ErrorInfo carries (docs/architecture.md, Errors).</summary>
    public const string Domain = "kuberpc.io";

    /// <summary>Awaits a unary call within the default test timeout.</summary>
    public static Task<T> Bounded<T>(this AsyncUnaryCall<T> call) => call.ResponseAsync.DefaultTimeout();

    /// <summary>A ClusterIP Service selecting <c>app=name</c>, with one port http:80 → 8080.</summary>
    public static Service ClusterIp(string name, string ns = "default") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = { ["app"] = name } },
        Spec = new ServiceSpec
        {
            Type = ServiceType.ClusterIp,
            Selector = { ["app"] = name },
            Ports = { Port("http", 80, 8080) },
        },
    };

    public static ServicePort Port(string name, int port, int targetPort, Protocol protocol = Protocol.Tcp) => new()
    {
        Name = name,
        Port = port,
        Protocol = protocol,
        TargetPort = new IntOrString { IntValue = targetPort },
    };

    public static ServicePort NamedPort(string name, int port, string targetPort) => new()
    {
        Name = name,
        Port = port,
        Protocol = Protocol.Tcp,
        TargetPort = new IntOrString { StringValue = targetPort },
    };

    public static Task<Service> CreateAsync(this KubeRpcHost host, Service service) =>
        host.Services.CreateServiceAsync(new CreateServiceRequest { Service = service }).Bounded();

    public static Task<Service> GetAsync(this KubeRpcHost host, string name, string ns = "default") =>
        host.Services.GetServiceAsync(new GetServiceRequest { Namespace = ns, Name = name }).Bounded();

    /// <summary>Reads the Service straight from the cluster, bypassing KubeRpc.</summary>
    public static Task<V1Service> ReadDirectAsync(this KubeRpcHost host, string name, string ns = "default") =>
        host.Kubernetes.CoreV1.ReadNamespacedServiceAsync(name, ns).DefaultTimeout();

    /// <summary>Whether the cluster still has the Service (asked directly, not through KubeRpc).</summary>
    public static async Task<bool> ExistsDirectAsync(this KubeRpcHost host, string name, string ns = "default")
    {
        var list = await host.Kubernetes.CoreV1.ListNamespacedServiceAsync(ns, fieldSelector: $"metadata.name={name}").DefaultTimeout();
        return list.Items.Count == 1;
    }

    public static Task CreateNamespaceAsync(this KubeRpcHost host, string name) =>
        host.Kubernetes.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }).DefaultTimeout();

    /// <summary>Asserts the error's ErrorInfo: domain kuberpc.io and <paramref name="reason"/>.</summary>
    public static ErrorInfo AssertInfo(this RpcException e, string reason)
    {
        var info = e.Info();
        Assert.Equal(Domain, info.Domain);
        Assert.Equal(reason, info.Reason);
        return info;
    }

    /// <summary>The BadRequest detail, which must be present.</summary>
    public static BadRequest Violations(this RpcException e) =>
        e.Detail<BadRequest>() ?? throw new Xunit.Sdk.XunitException($"no BadRequest on {e.Status}");

    /// <summary>The RetryInfo delay, which must be present.</summary>
    public static TimeSpan RetryDelay(this RpcException e) =>
        (e.Detail<RetryInfo>() ?? throw new Xunit.Sdk.XunitException($"no RetryInfo on {e.Status}")).RetryDelay.ToTimeSpan();
}
