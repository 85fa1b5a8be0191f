using k8s;
using KubeRpc.Emulator;
using KubeRpc.Emulator.Hosting;
using KubeRpc.FunctionalTests.Infrastructure;
using KubeRpc.Server.Kubernetes;
using KubeRpc.V1;

namespace KubeRpc.FunctionalTests.Clusters;

/// <summary>
/// KubeConfig mode, the path a real cluster takes: KubeRpc reads a kubeconfig and talks HTTP to an API server
/// (here a standalone emulator on loopback), not the in-process one.
/// </summary>
public sealed class KubeConfigModeTests
{
    [Fact]
    public async Task KubeConfigMode_CreateService_LandsInTheConfiguredCluster()
    {
        await using var cluster = new KubernetesEmulator();
        var api = EmulatorWebHost.Build(cluster, "http://127.0.0.1:0");
        await api.StartAsync();
        var dir = Directory.CreateTempSubdirectory("kuberpc-kubeconfig-");
        try
        {
            var kubeconfig = Path.Combine(dir.FullName, "config");
            await File.WriteAllTextAsync(kubeconfig, $$"""
                apiVersion: v1
                kind: Config
                clusters:
                - name: local
                  cluster: {server: {{api.Urls.First()}}}
                contexts:
                - name: local
                  context: {cluster: local}
                current-context: local
                """);
            await using var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?>
            {
                ["Kubernetes:Mode"] = nameof(ClusterMode.KubeConfig),
                ["Kubernetes:KubeConfigPath"] = kubeconfig,
            });

            await host.Services.CreateServiceAsync(new CreateServiceRequest
            {
                Service = new Service
                {
                    Metadata = new ObjectMeta { Name = "remote", Namespace = "default" },
                    Spec = new ServiceSpec { Ports = { new ServicePort { Port = 80 } } },
                },
            }).ResponseAsync.DefaultTimeout();

            using var direct = cluster.CreateClient();
            var stored = await direct.CoreV1.ReadNamespacedServiceAsync("remote", "default").DefaultTimeout();
            Assert.Equal(80, stored.Spec.Ports[0].Port);
            Assert.False(host.HasEmulator);
        }
        finally
        {
            await api.StopAsync();
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Resolve_Auto_PicksKubeConfigWhenOneExistsElseEmbedded()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));
        Assert.Equal(ClusterMode.Embedded, ClusterConnection.Resolve(new KubernetesOptions { KubeConfigPath = missing }, out _));
        var existing = Path.GetTempFileName();
        try
        {
            Assert.Equal(ClusterMode.KubeConfig, ClusterConnection.Resolve(new KubernetesOptions { KubeConfigPath = existing }, out var path));
            Assert.Equal(existing, path);
            Assert.Equal(ClusterMode.Embedded,
                ClusterConnection.Resolve(new KubernetesOptions { Mode = ClusterMode.Embedded, KubeConfigPath = existing }, out _));
        }
        finally
        {
            File.Delete(existing);
        }
    }
}
