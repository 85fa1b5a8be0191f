using k8s;
using KubeRpc.Emulator.Tests.Infrastructure;
using static KubeRpc.Emulator.Tests.EndpointSlices.SliceObjects;

namespace KubeRpc.Emulator.Tests.EndpointSlices;

/// <summary>
/// <see cref="EmulatorOptions.EndpointSliceController"/> off (load benchmarks): a Service and a ready Pod it selects get no
/// slice, where the same writes to an emulator with the controller on get one.
/// </summary>
public sealed class EndpointSliceControllerOffTests
{
    [Fact]
    public async Task ControllerOff_NoSliceForAServiceWithAReadyPod()
    {
        await using var on = new KubernetesEmulator();
        await using var off = new KubernetesEmulator(new EmulatorOptions { EndpointSliceController = false });
        using var withController = on.CreateClient();
        using var withoutController = off.CreateClient();
        foreach (var client in new[] { withController, withoutController })
        {
            await client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default").DefaultTimeout();
            await client.CoreV1.CreateNamespacedPodAsync(Pod("a"), "default").DefaultTimeout();
        }

        await Polling.UntilAsync(() => SlicesOf(withController), s => s.Count == 1, "the slice made by the controller");
        // The kubelet (still running) has made the Pod ready: every change a controller would have followed is stored.
        await Polling.UntilAsync(async () => (await withoutController.CoreV1.ReadNamespacedPodAsync("a", "default")).Status?.PodIP,
            ip => ip is not null, "the pod's IP");

        Assert.Empty(await SlicesOf(withoutController));
    }

    private static async Task<IList<k8s.Models.V1EndpointSlice>> SlicesOf(IKubernetes client) =>
        (await client.DiscoveryV1.ListNamespacedEndpointSliceAsync("default")).Items;
}
