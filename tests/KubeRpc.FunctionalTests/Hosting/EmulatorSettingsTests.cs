using System.Net;
using k8s;
using k8s.Models;
using KubeRpc.FunctionalTests.Infrastructure;

namespace KubeRpc.FunctionalTests.Hosting;

/// <summary>Emulator:PodCidr and Emulator:PodShutdown reach the embedded cluster's simulated kubelet; a bad value stops the start.</summary>
public sealed class EmulatorSettingsTests
{
    [Fact]
    public async Task PodCidr_LoopbackRange_PodsGetLoopbackAddresses()
    {
        await using var host = await KubeRpcHost.StartAsync(new Dictionary<string, string?> { ["Emulator:PodCidr"] = "127.0.0.0/24" })
            .DefaultTimeout();
        await host.Kubernetes.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "backend" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "example/app:1" }] },
        }, "default").DefaultTimeout();

        string? ip = null;
        await Polling.UntilAsync(async () =>
        {
            ip = (await host.Kubernetes.CoreV1.ReadNamespacedPodAsync("backend", "default").DefaultTimeout()).Status?.PodIP;
            return ip is not null;
        }, () => "the pod to get an IP");

        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(ip!)), ip);
    }

    [Theory]
    [InlineData("Emulator:PodCidr", "10.0.0.0/31", "Emulator:PodCidr: \"10.0.0.0/31\" is not an IPv4 CIDR of at least four addresses (e.g. 10.244.0.0/16)")]
    [InlineData("Emulator:PodCidr", "fd00::/64", "Emulator:PodCidr: \"fd00::/64\" is not an IPv4 CIDR of at least four addresses (e.g. 10.244.0.0/16)")]
    [InlineData("Emulator:PodShutdown", "-00:00:01", "Emulator:PodShutdown: -00:00:01 must be between 0 and 5 minutes")]
    public async Task BadValue_StartFailsNamingTheSetting(string key, string value, string expected)
    {
        var e = await Assert.ThrowsAsync<KubeRpc.Server.Kubernetes.InvalidSettingException>(() =>
            KubeRpcHost.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Equal(expected, e.Message);
    }
}
