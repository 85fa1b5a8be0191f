using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary>
/// Nodes and Pods through kubectl: the seeded nodes' tables, a pod applied from a manifest and run by the simulated
/// kubelet (plain and wide tables), a status patch, graceful and forced deletion.
/// </summary>
/// <remarks>The session's clock stands still, so a graceful delete stays Terminating until the test moves it.</remarks>
public class KubectlPodTests
{
    private const string Manifest = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          labels:
            app: web
        spec:
          containers:
          - name: app
            image: nginx:1.27
            ports:
            - name: http
              containerPort: 8080
        """;

    [RequiresToolFact("kubectl")]
    public async Task GetNodes_PlainAndWide()
    {
        await using var kubectl = await KubectlSession.StartAsync();

        var table = await kubectl.RunAsync("get", "nodes");
        var wide = await kubectl.RunAsync("get", "no", "-o", "wide");
        var zones = await kubectl.RunAsync("get", "nodes", "-L", "topology.kubernetes.io/zone");

        KubectlAssert.Success(table, """
            NAME      STATUS   ROLES    AGE   VERSION
            node-a1   Ready    <none>   0s    v1.32.0
            node-a2   Ready    <none>   0s    v1.32.0
            node-b1   Ready    <none>   0s    v1.32.0
            """);
        KubectlAssert.Success(wide, """
            NAME      STATUS   ROLES    AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE           KERNEL-VERSION   CONTAINER-RUNTIME
            node-a1   Ready    <none>   0s    v1.32.0   172.18.0.2    <none>        KubeRpc emulator   emulated         emulator://1.32
            node-a2   Ready    <none>   0s    v1.32.0   172.18.0.3    <none>        KubeRpc emulator   emulated         emulator://1.32
            node-b1   Ready    <none>   0s    v1.32.0   172.18.0.4    <none>        KubeRpc emulator   emulated         emulator://1.32
            """);
        KubectlAssert.Success(zones, """
            NAME      STATUS   ROLES    AGE   VERSION   ZONE
            node-a1   Ready    <none>   0s    v1.32.0   zone-a
            node-a2   Ready    <none>   0s    v1.32.0   zone-a
            node-b1   Ready    <none>   0s    v1.32.0   zone-b
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task ApplyPod_RunningTablesStatusPatchAndForcedDelete()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        kubectl.WriteFile("pod.yaml", Manifest);

        var applied = await kubectl.RunAsync("apply", "-f", "pod.yaml");
        var ready = await kubectl.RunAsync("wait", "--for=condition=Ready", "pod/web", "--timeout=20s");
        var table = await kubectl.RunAsync("get", "pods");
        var wide = await kubectl.RunAsync("get", "po", "-o", "wide");
        var reapplied = await kubectl.RunAsync("apply", "-f", "pod.yaml");
        var patched = await kubectl.RunAsync("patch", "pod", "web", "--subresource=status", "-p",
            """{"status":{"conditions":[{"type":"Ready","status":"False"}],"containerStatuses":[{"name":"app","ready":false}]}}""");
        var notReady = await kubectl.RunAsync("get", "pod", "web");
        var deleted = await kubectl.RunAsync("delete", "pod", "web", "--grace-period=0", "--force");
        var gone = await kubectl.RunAsync("get", "pods");

        KubectlAssert.Success(applied, "pod/web created");
        KubectlAssert.Success(ready, "pod/web condition met");
        KubectlAssert.Success(table, """
            NAME   READY   STATUS    RESTARTS   AGE
            web    1/1     Running   0          0s
            """);
        KubectlAssert.Success(wide, """
            NAME   READY   STATUS    RESTARTS   AGE   IP           NODE      NOMINATED NODE   READINESS GATES
            web    1/1     Running   0          0s    10.244.0.1   node-a1   <none>           <none>
            """);
        KubectlAssert.Success(reapplied, "pod/web unchanged");
        KubectlAssert.Success(patched, "pod/web patched");
        KubectlAssert.Success(notReady, """
            NAME   READY   STATUS    RESTARTS   AGE
            web    0/1     Running   0          0s
            """);
        Assert.Equal(0, deleted.ExitCode);
        Assert.Equal("pod \"web\" force deleted\n", deleted.Stdout);
        Assert.Equal("No resources found in default namespace.\n", gone.Stderr);
    }

    [RequiresToolFact("kubectl")]
    public async Task DeletePod_TerminatingUntilTheShutdownIsOver()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(KubectlSession.Instant);
        await using var kubectl = await KubectlSession.StartAsync(new EmulatorOptions { TimeProvider = clock, PodShutdown = TimeSpan.FromSeconds(2) });
        kubectl.WriteFile("pod.yaml", Manifest);
        await kubectl.RunAsync("apply", "-f", "pod.yaml");
        await kubectl.RunAsync("wait", "--for=condition=Ready", "pod/web", "--timeout=20s");

        var deleted = await kubectl.RunAsync("delete", "pod", "web", "--wait=false");
        var terminating = await kubectl.RunAsync("wait", "--for=condition=Ready=false", "pod/web", "--timeout=20s");
        var table = await kubectl.RunAsync("get", "pods");
        var waiting = kubectl.RunAsync("wait", "--for=delete", "pod/web", "--timeout=20s");
        using var ticks = new CancellationTokenSource(Polling.Default);
        while (!waiting.IsCompleted && !ticks.IsCancellationRequested)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100);
        }
        var gone = await waiting;

        KubectlAssert.Success(deleted, "pod \"web\" deleted");
        KubectlAssert.Success(terminating, "pod/web condition met");
        KubectlAssert.Success(table, """
            NAME   READY   STATUS        RESTARTS   AGE
            web    0/1     Terminating   0          0s
            """);
        Assert.Equal(0, gone.ExitCode);
    }

    [RequiresToolFact("kubectl")]
    public async Task Run_ProtobufPod_RunsOnTheLeastBusyNode()
    {
        await using var kubectl = await KubectlSession.StartAsync();

        var first = await kubectl.RunAsync("run", "one", "--image=nginx:1.27", "--port=80", "--labels=app=web");
        var second = await kubectl.RunAsync("run", "two", "--image=redis", "--env=MODE=fast");
        await kubectl.RunAsync("wait", "--for=condition=Ready", "pod/one", "pod/two", "--timeout=20s");
        var wide = await kubectl.RunAsync("get", "pods", "-o", "wide", "--show-labels");
        var spec = await kubectl.RunAsync("get", "pod", "two", "-o", "jsonpath={.spec.containers[0].env[0].value} {.spec.containers[0].imagePullPolicy} {.spec.restartPolicy}");

        KubectlAssert.Success(first, "pod/one created");
        KubectlAssert.Success(second, "pod/two created");
        KubectlAssert.Success(wide, """
            NAME   READY   STATUS    RESTARTS   AGE   IP           NODE      NOMINATED NODE   READINESS GATES   LABELS
            one    1/1     Running   0          0s    10.244.0.1   node-a1   <none>           <none>            app=web
            two    1/1     Running   0          0s    10.244.0.2   node-a2   <none>           <none>            run=two
            """);
        Assert.Equal("fast Always Always", spec.Stdout);
    }
}
