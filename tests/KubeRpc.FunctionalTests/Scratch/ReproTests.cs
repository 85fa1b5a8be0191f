using Grpc.Core;
using k8s;
using k8s.Models;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.FunctionalTests.Services;
using KubeRpc.V1;
using Xunit.Abstractions;

namespace KubeRpc.FunctionalTests.Scratch;

public sealed class ReproTests(ITestOutputHelper output) : IAsyncLifetime
{
    private KubeRpcHost _host = null!;

    public async Task InitializeAsync() => _host = await KubeRpcHost.StartAsync().DefaultTimeout();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task Try(string what, Func<Task<object?>> call)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var r = await call().WaitAsync(TimeSpan.FromSeconds(40));
            output.WriteLine($"{what}: OK {sw.ElapsedMilliseconds} ms {Short(r?.ToString())}");
        }
        catch (RpcException e)
        {
            output.WriteLine($"{what}: {e.StatusCode} {sw.ElapsedMilliseconds} ms {Short(e.Status.Detail)}");
        }
        catch (Exception e)
        {
            output.WriteLine($"{what}: EXC {e.GetType().Name} {sw.ElapsedMilliseconds} ms {Short(e.Message)}");
        }
    }

    private static string Short(string? s) => s is null ? "" : s.Length > 300 ? s[..300] + "..." : s;

    [Fact]
    public async Task Repro()
    {
        await _host.CreateAsync(ServiceTestKit.ClusterIp("web"));
        await _host.Kubernetes.NetworkingV1.CreateNamespacedIngressAsync(new V1Ingress { Metadata = new V1ObjectMeta { Name = "ing1" }, Spec = new V1IngressSpec { DefaultBackend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "web", Port = new V1ServiceBackendPort { Number = 80 } } } } }, "default");
        var strong = new ReadOptions { Consistency = Consistency.Strong };
        await Try("get ../../default strong", async () => await _host.Services.GetServiceAsync(new GetServiceRequest { Namespace = "default", Name = "../../default", ReadOptions = strong }));
        await Try("get ../../default cached", async () => await _host.Services.GetServiceAsync(new GetServiceRequest { Namespace = "default", Name = "../../default" }));
        await Try("delete climbing to ingress", async () => await _host.Services.DeleteServiceAsync(new DeleteServiceRequest { Namespace = "default", Name = "../../../apis/networking.k8s.io/v1/namespaces/default/ingresses/ing1" }));
        await Try("ingress still there", async () => await _host.Kubernetes.NetworkingV1.ReadNamespacedIngressAsync("ing1", "default"));
        await Try("dryrun delete with #", async () => await _host.Services.DeleteServiceAsync(new DeleteServiceRequest { Namespace = "default", Name = "web#", DryRun = true }));
        await Try("web still there", async () => await _host.Kubernetes.CoreV1.ReadNamespacedServiceAsync("web", "default"));
        await Try("faults via namespace", async () => await _host.Services.DeleteServiceCollectionAsync(new DeleteServiceCollectionRequest { Namespace = "../../../emulator/faults#" }));
        var big = new string('a', 100_000);
        await Try("get 100KB name", async () => await _host.Services.GetServiceAsync(new GetServiceRequest { Namespace = "default", Name = big }));
        await Try("list 100KB field selector", async () => await _host.Services.ListServicesAsync(new ListServicesRequest { FieldSelector = "metadata.name=" + big }));
        await Try("patch 100KB subresource", async () => await _host.Services.PatchServiceAsync(new PatchServiceRequest { Namespace = "default", Name = "web", PatchType = PatchType.MergePatch, Patch = "{}", Subresource = big }));
        await Try("watch far future", async () => { using var c = _host.Services.WatchServices(new WatchServicesRequest { ResourceVersion = long.MaxValue.ToString() }); await c.ResponseStream.MoveNext(); return c.ResponseStream.Current; });
    }
}
