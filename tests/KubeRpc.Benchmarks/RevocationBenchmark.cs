using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using k8s;
using k8s.Models;
using KubeRpc.V1;

namespace KubeRpc.Benchmarks;

/// <summary>
/// Revocation: how long from the deletion of the RoleBinding that allowed a watch to the end of that watch
/// (PERMISSION_DENIED), with Auth:Mode Kubernetes against the embedded cluster over a real socket. The clock starts
/// before the DELETE is sent, so each figure includes that call's round trip: an upper bound.
/// </summary>
internal static class RevocationBenchmark
{
    private const string Namespace = "revoke";
    private const string Account = "watcher";

    public static async Task RunAsync(int tries)
    {
        Console.WriteLine($"\n## Revocation: binding deleted -> watch ended, {tries} tries (+1 discarded warm-up)");
        var port = StreamChannels.FreePort();
        await using var app = await EmbeddedKubeRpc.StartAsync(port, new Dictionary<string, string?> { ["Auth:Mode"] = "Kubernetes" });
        var kube = app.Cluster();
        var token = await SetUpAsync(kube);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var services = new ServiceManager.ServiceManagerClient(channel);
        var headers = new Metadata { { "authorization", "Bearer " + token } };

        var figures = new List<double>();
        for (var i = 0; i <= tries; i++)
        {
            var elapsed = await OneTryAsync(kube, services, headers, $"allow-{i}");
            if (i > 0)
            {
                figures.Add(elapsed.TotalMilliseconds);
            }
        }
        figures.Sort();
        Console.WriteLine($"each (ms, sorted): {string.Join(' ', figures.Select(f => f.ToString("0.0", CultureInfo.InvariantCulture)))}");
        Console.WriteLine($"binding deleted -> watch ended: p50 {Percentile(figures, 0.5):0.0} ms, max {figures[^1]:0.0} ms (target <= 2000 ms)");
        await app.StopAsync();
    }

    private static async Task<TimeSpan> OneTryAsync(IKubernetes kube, ServiceManager.ServiceManagerClient services, Metadata headers, string binding)
    {
        await kube.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = binding },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "watch-services" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = Account, NamespaceProperty = Namespace }],
        }, Namespace);
        using var watch = await OpenWatchAsync(services, headers);
        var started = Stopwatch.GetTimestamp();
        await kube.RbacAuthorizationV1.DeleteNamespacedRoleBindingAsync(binding, Namespace);
        try
        {
            while (await watch.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
            throw new InvalidOperationException("the watch ended without a status");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.PermissionDenied)
        {
            return Stopwatch.GetElapsedTime(started);
        }
    }

    /// <summary>A watch that has sent its initial event: allowed, and held open. The grant may take a moment to be seen.</summary>
    private static async Task<AsyncServerStreamingCall<ServiceEvent>> OpenWatchAsync(ServiceManager.ServiceManagerClient services, Metadata headers)
    {
        for (var attempt = 0; ; attempt++)
        {
            var watch = services.WatchServices(new WatchServicesRequest { Namespace = Namespace }, headers);
            try
            {
                if (await watch.ResponseStream.MoveNext(CancellationToken.None))
                {
                    return watch;
                }
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.PermissionDenied && attempt < 100)
            {
            }
            watch.Dispose();
            await Task.Delay(20);
        }
    }

    private static async Task<string> SetUpAsync(IKubernetes kube)
    {
        await kube.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        await kube.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = Account } }, Namespace);
        await kube.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] },
        }, Namespace);
        await kube.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
        {
            Metadata = new V1ObjectMeta { Name = "watch-services" },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["services"], Verbs = ["watch"] }],
        }, Namespace);
        var request = await kube.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec() }, Account, Namespace);
        return request.Status.Token;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
}
