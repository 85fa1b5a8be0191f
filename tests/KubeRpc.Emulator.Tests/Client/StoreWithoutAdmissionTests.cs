using System.Globalization;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Client;

/// <summary>
/// <see cref="KubernetesEmulator.StoreWithoutAdmission"/>, the benchmarks' bulk load: the objects are served as stored,
/// with resourceVersions, uids and creation timestamps; what they hold is reserved; the history before is compacted.
/// </summary>
public sealed class StoreWithoutAdmissionTests : EmulatorTest
{
    [Fact]
    public async Task StoredServices_AreListed_TheirClusterIpIsTaken_AndWatchFromBeforeIs410()
    {
        var before = Emulator.ResourceVersion.ToString(CultureInfo.InvariantCulture);

        IKubernetesObject<V1ObjectMeta>[] services = [Complete("a", "10.96.200.1"), Complete("b", "10.96.200.2")];
        var count = Emulator.StoreWithoutAdmission("services", services);

        Assert.Equal(2, count);
        var listed = (await Client.CoreV1.ListNamespacedServiceAsync("default").DefaultTimeout()).Items.Where(s => s.Metadata.Name != "kubernetes").ToList();
        Assert.Equal(["a", "b"], listed.Select(s => s.Metadata.Name));
        Assert.All(listed, s =>
        {
            Assert.False(string.IsNullOrEmpty(s.Metadata.Uid));
            Assert.NotNull(s.Metadata.CreationTimestamp);
            Assert.True(long.Parse(s.Metadata.ResourceVersion, CultureInfo.InvariantCulture) > long.Parse(before, CultureInfo.InvariantCulture));
        });
        Assert.Equal("10.96.200.1", listed[0].Spec.ClusterIP);

        // The stored Service holds its cluster IP: a create that asks for it is refused as against any committed Service.
        var taken = Objects.Service("c");
        taken.Spec.ClusterIP = "10.96.200.1";
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => Client.CoreV1.CreateNamespacedServiceAsync(taken, "default")).DefaultTimeout();
        Assert.Equal(422, (int)refused.Response.StatusCode);
        Assert.Contains("provided IP is already allocated", refused.Response.Content, StringComparison.Ordinal);

        Exception? error = null;
        using var giveUp = new CancellationTokenSource(TaskTimeouts.Default);
        await foreach (var _ in Client.CoreV1.WatchListNamespacedServiceAsync("default", resourceVersion: before, onError: e => error = e)
            .WithCancellation(giveUp.Token))
        {
            break;
        }
        Assert.Equal(410, Assert.IsType<KubernetesException>(error).Status.Code);
    }

    [Fact]
    public void UnknownResource_Throws() =>
        Assert.Throws<ArgumentException>(() => Emulator.StoreWithoutAdmission("widgets", []));

    /// <summary>A Service as admission would have stored it (defaults and the cluster IP filled in).</summary>
    private static V1Service Complete(string name, string clusterIp)
    {
        var service = Objects.Service(name);
        service.ApiVersion = "v1";
        service.Kind = "Service";
        service.Metadata.NamespaceProperty = "default";
        service.Spec.Type = "ClusterIP";
        service.Spec.ClusterIP = clusterIp;
        service.Spec.ClusterIPs = [clusterIp];
        service.Spec.IpFamilies = ["IPv4"];
        service.Spec.IpFamilyPolicy = "SingleStack";
        service.Spec.SessionAffinity = "None";
        service.Spec.InternalTrafficPolicy = "Cluster";
        service.Spec.Ports[0].Protocol = "TCP";
        service.Status = new V1ServiceStatus { LoadBalancer = new V1LoadBalancerStatus() };
        return service;
    }
}
