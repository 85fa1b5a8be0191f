using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeRpc.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static KubeRpc.Emulator.Tests.Pods.PodObjects;

namespace KubeRpc.Emulator.Tests.Pods;

/// <summary>
/// The simulated kubelet through KubernetesClient: binding, pod IPs from the configured CIDR, Running and Ready, status
/// patches that stay, graceful deletion timed by the emulator's clock, force deletion, and the events a watch sees.
/// </summary>
public sealed class PodLifecycleTests : IAsyncLifetime
{
    private static readonly TimeSpan Shutdown = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 1, 2, 15, 4, 5, TimeSpan.Zero));
    private readonly KubernetesEmulator _emulator;
    private readonly IKubernetes _client;

    public PodLifecycleTests()
    {
        _emulator = new KubernetesEmulator(new EmulatorOptions { PodCidr = "127.0.0.0/24", PodShutdown = Shutdown, TimeProvider = _clock });
        _client = _emulator.CreateClient();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Create_BoundRunningReadyWithAnIpOfTheCidrAndTheNodesHostIp()
    {
        var created = await _client.CoreV1.CreateNamespacedPodAsync(Pod("web"), "default").DefaultTimeout();
        var pod = await RunningAsync("web");
        var nodes = await _client.CoreV1.ListNodeAsync().DefaultTimeout();

        Assert.Equal("Pending", created.Status.Phase);
        Assert.Equal("BestEffort", created.Status.QosClass);
        Assert.Contains(pod.Spec.NodeName, nodes.Items.Select(n => n.Metadata.Name));
        var node = nodes.Items.Single(n => n.Metadata.Name == pod.Spec.NodeName);
        Assert.Equal(node.Status.Addresses.Single(a => a.Type == "InternalIP").Address, pod.Status.HostIP);
        Assert.StartsWith("127.0.0.", pod.Status.PodIP, StringComparison.Ordinal);
        Assert.NotEqual("127.0.0.0", pod.Status.PodIP);
        Assert.Equal(pod.Status.PodIP, Assert.Single(pod.Status.PodIPs).Ip);
        Assert.Equal(
            ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"],
            pod.Status.Conditions.Select(c => c.Type));
        Assert.All(pod.Status.Conditions, c => Assert.Equal("True", c.Status));
        var container = Assert.Single(pod.Status.ContainerStatuses);
        Assert.True(container.Ready);
        Assert.NotNull(container.State.Running);
        Assert.NotNull(pod.Status.StartTime);
    }

    [Fact]
    public async Task Create_Defaults_AsKubeApiserver()
    {
        var created = await _client.CoreV1.CreateNamespacedPodAsync(Pod("web", Container("app", "nginx", 80)), "default").DefaultTimeout();

        var spec = created.Spec;
        Assert.Equal(("Always", "ClusterFirst", 30L, "default-scheduler", true), (spec.RestartPolicy, spec.DnsPolicy, spec.TerminationGracePeriodSeconds, spec.SchedulerName, spec.EnableServiceLinks));
        Assert.Equal(("default", 0, "PreemptLowerPriority"), (spec.ServiceAccountName, spec.Priority, spec.PreemptionPolicy));
        Assert.NotNull(spec.SecurityContext);
        var container = Assert.Single(spec.Containers);
        Assert.Equal(("Always", "/dev/termination-log", "File", "TCP"),
            (container.ImagePullPolicy, container.TerminationMessagePath, container.TerminationMessagePolicy, Assert.Single(container.Ports).Protocol));
        Assert.Equal(["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"], spec.Tolerations.Select(t => t.Key));
    }

    [Fact]
    public async Task Create_SeveralPods_UniqueIpsSpreadOverTheNodes()
    {
        for (var i = 0; i < 6; i++)
        {
            await _client.CoreV1.CreateNamespacedPodAsync(Pod("web-" + i), "default").DefaultTimeout();
        }
        var pods = new List<V1Pod>();
        for (var i = 0; i < 6; i++)
        {
            pods.Add(await RunningAsync("web-" + i));
        }

        Assert.Equal(6, pods.Select(p => p.Status.PodIP).Distinct().Count());
        Assert.All(pods.GroupBy(p => p.Spec.NodeName), g => Assert.Equal(2, g.Count()));
    }

    [Fact]
    public async Task Create_CidrUsedUp_PendingUntilAPodGoes()
    {
        await using var small = new KubernetesEmulator(new EmulatorOptions { PodCidr = "127.0.0.0/30" }); // 127.0.0.1 and .2
        using var client = small.CreateClient();
        await client.CoreV1.CreateNamespacedPodAsync(Pod("a"), "default").DefaultTimeout();
        await client.CoreV1.CreateNamespacedPodAsync(Pod("b"), "default").DefaultTimeout();
        var a = await RunningAsync(client, "a");
        await RunningAsync(client, "b");
        await client.CoreV1.CreateNamespacedPodAsync(Pod("c"), "default").DefaultTimeout();
        await Task.Delay(300);
        var waiting = await client.CoreV1.ReadNamespacedPodAsync("c", "default").DefaultTimeout();

        await client.CoreV1.DeleteNamespacedPodAsync("a", "default", gracePeriodSeconds: 0).DefaultTimeout();
        var c = await RunningAsync(client, "c");

        Assert.Equal(("Pending", null), (waiting.Status.Phase, waiting.Status.PodIP));
        Assert.Equal(a.Status.PodIP, c.Status.PodIP);
    }

    [Fact]
    public async Task StatusPatch_NotReadyAndNewIp_KubeletLeavesItAlone()
    {
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("web"), "default").DefaultTimeout();
        await RunningAsync("web");
        var patch = new V1Patch("""{"status":{"podIP":"127.0.0.200","conditions":[{"type":"Ready","status":"False"}]}}""", V1Patch.PatchType.StrategicMergePatch);

        await _client.CoreV1.PatchNamespacedPodStatusAsync(patch, "web", "default").DefaultTimeout();
        await _client.CoreV1.PatchNamespacedPodAsync(new V1Patch("""{"metadata":{"labels":{"touched":"yes"}}}""", V1Patch.PatchType.MergePatch), "web", "default").DefaultTimeout();
        await Task.Delay(300);
        var pod = await _client.CoreV1.ReadNamespacedPodAsync("web", "default").DefaultTimeout();

        Assert.Equal("127.0.0.200", pod.Status.PodIP);
        Assert.Equal("127.0.0.200", Assert.Single(pod.Status.PodIPs).Ip);
        Assert.Equal("False", pod.Status.Conditions.Single(c => c.Type == "Ready").Status);
        Assert.Equal("True", pod.Status.Conditions.Single(c => c.Type == "PodScheduled").Status);
    }

    [Fact]
    public async Task Delete_TerminatingNotReady_ThenGoneAfterTheShutdown()
    {
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("web"), "default").DefaultTimeout();
        await RunningAsync("web");

        var deleted = await _client.CoreV1.DeleteNamespacedPodAsync("web", "default").DefaultTimeout();
        var terminating = await Polling.UntilAsync(() => _client.CoreV1.ReadNamespacedPodAsync("web", "default"),
            p => p.Status.Conditions.Single(c => c.Type == "Ready").Status == "False", "the pod to be not ready");
        _clock.Advance(Shutdown - TimeSpan.FromSeconds(1));
        await Task.Delay(300);
        var still = await _client.CoreV1.ListNamespacedPodAsync("default").DefaultTimeout();
        await Polling.UntilAsync(async () =>
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            return (await _client.CoreV1.ListNamespacedPodAsync("default")).Items.Count;
        }, n => n == 0, "the pod to go");

        Assert.Equal(30, deleted.Metadata.DeletionGracePeriodSeconds);
        Assert.Equal(deleted.Metadata.CreationTimestamp!.Value.AddSeconds(30), deleted.Metadata.DeletionTimestamp);
        Assert.NotNull(terminating.Metadata.DeletionTimestamp);
        Assert.False(Assert.Single(terminating.Status.ContainerStatuses).Ready);
        Assert.Equal("web", Assert.Single(still.Items).Metadata.Name);
    }

    [Fact]
    public async Task Delete_ForceWithZeroGracePeriod_GoneAtOnce()
    {
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("web"), "default").DefaultTimeout();
        await RunningAsync("web");

        await _client.CoreV1.DeleteNamespacedPodAsync("web", "default", gracePeriodSeconds: 0).DefaultTimeout();
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.ReadNamespacedPodAsync("web", "default"));

        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
    }

    [Fact]
    public async Task Delete_TerminatingPodForced_GoneAtOnce()
    {
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("web"), "default").DefaultTimeout();
        await RunningAsync("web");

        await _client.CoreV1.DeleteNamespacedPodAsync("web", "default").DefaultTimeout();
        await _client.CoreV1.DeleteNamespacedPodAsync("web", "default", body: new V1DeleteOptions { GracePeriodSeconds = 0 }).DefaultTimeout();
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.ReadNamespacedPodAsync("web", "default"));

        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
    }

    [Fact]
    public async Task Watch_AddedRunningTerminatingDeleted()
    {
        using var cts = new CancellationTokenSource(Polling.Default);
        var events = new List<(WatchEventType Type, V1Pod Pod)>();
        var watch = Task.Run(async () =>
        {
            await foreach (var (type, pod) in _client.CoreV1.WatchListNamespacedPodAsync("default", cancellationToken: cts.Token))
            {
                events.Add((type, pod));
                if (type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        });
        await _emulator.UntilOpenWatchesAsync(n => n == 1, "the watch", Polling.Default);

        await _client.CoreV1.CreateNamespacedPodAsync(Pod("web"), "default").DefaultTimeout();
        await RunningAsync("web");
        await _client.CoreV1.DeleteNamespacedPodAsync("web", "default", gracePeriodSeconds: 0).DefaultTimeout();
        await watch.WaitAsync(Polling.Default);

        Assert.Equal(WatchEventType.Added, events[0].Type);
        Assert.Equal("Pending", events[0].Pod.Status.Phase);
        Assert.Contains(events, e => e.Type == WatchEventType.Modified && e.Pod.Status.Phase == "Running");
        Assert.Equal(WatchEventType.Deleted, events[^1].Type);
    }

    [Fact]
    public async Task Create_NoReadyNode_PendingUntilOneTurnsReady()
    {
        var notReady = new V1Patch("""{"status":{"conditions":[{"type":"Ready","status":"False"}]}}""", V1Patch.PatchType.StrategicMergePatch);
        foreach (var node in (await _client.CoreV1.ListNodeAsync().DefaultTimeout()).Items)
        {
            await _client.CoreV1.PatchNodeStatusAsync(notReady, node.Metadata.Name).DefaultTimeout();
        }
        await _client.CoreV1.CreateNamespacedPodAsync(Pod("web"), "default").DefaultTimeout();
        await Task.Delay(300);
        var waiting = await _client.CoreV1.ReadNamespacedPodAsync("web", "default").DefaultTimeout();

        await _client.CoreV1.PatchNodeStatusAsync(
            new V1Patch("""{"status":{"conditions":[{"type":"Ready","status":"True"}]}}""", V1Patch.PatchType.StrategicMergePatch), "node-b1").DefaultTimeout();
        var pod = await RunningAsync("web");

        Assert.Equal(("Pending", null), (waiting.Status.Phase, waiting.Spec.NodeName));
        Assert.Equal("node-b1", pod.Spec.NodeName);
    }

    [Fact]
    public async Task DeleteNamespace_RunningPodShutsDown_ThenTheNamespaceGoes()
    {
        await using var real = new KubernetesEmulator(new EmulatorOptions { PodShutdown = TimeSpan.FromMilliseconds(200) });
        using var client = real.CreateClient();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "team" } }).DefaultTimeout();
        await client.CoreV1.CreateNamespacedPodAsync(Pod("web"), "team").DefaultTimeout();
        await Polling.UntilAsync(() => client.CoreV1.ReadNamespacedPodAsync("web", "team"), p => p.Status.Phase == "Running", "the pod to run");

        await client.CoreV1.DeleteNamespaceAsync("team").DefaultTimeout();
        var namespaces = await Polling.UntilAsync(() => client.CoreV1.ListNamespaceAsync(), l => l.Items.All(n => n.Metadata.Name != "team"), "the namespace to go");

        Assert.DoesNotContain("team", namespaces.Items.Select(n => n.Metadata.Name));
        Assert.Empty((await client.CoreV1.ListPodForAllNamespacesAsync().DefaultTimeout()).Items);
    }

    private Task<V1Pod> RunningAsync(string name) => RunningAsync(_client, name);

    private static Task<V1Pod> RunningAsync(IKubernetes client, string name) =>
        Polling.UntilAsync(() => client.CoreV1.ReadNamespacedPodAsync(name, "default"), p => p.Status.Phase == "Running", $"pod {name} to run");
}
