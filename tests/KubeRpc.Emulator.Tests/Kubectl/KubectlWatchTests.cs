using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary><c>kubectl get -w</c>: the initial table, then one row per change as it happens.</summary>
public class KubectlWatchTests
{
    [RequiresToolFact("kubectl")]
    public async Task GetWatch_CreateReplaceDelete_PrintsRowPerChange()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await kubectl.RunAsync("create", "-f", kubectl.WriteFile("web.yaml", KubectlManifests.Web()));
        await using var plain = kubectl.Start("get", "svc", "-w");
        await using var events = kubectl.Start("get", "svc", "-w", "--output-watch-events", "-o", "wide");
        // Header plus the two existing services: both watches have listed and print from here on.
        await ReadLinesAsync(plain, 3);
        await ReadLinesAsync(events, 3);

        await kubectl.RunAsync("replace", "-f", kubectl.WriteFile("web.yaml", KubectlManifests.Web(port: 81)));
        await kubectl.RunAsync("create", "service", "clusterip", "api", "--tcp=8080:8080", "--clusterip=10.96.0.60");
        await kubectl.RunAsync("delete", "service", "api");
        await ReadLinesAsync(plain, 3);
        await ReadLinesAsync(events, 3);
        var plainOutput = await plain.StopAsync();
        var eventsOutput = await events.StopAsync();

        // kubectl's tabwriter remembers column widths across events, so a wider cell widens only its own row.
        KubectlAssert.Output(plainOutput, -1, """
            NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
            kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   0s
            web          ClusterIP   10.96.0.50   <none>        80/TCP    0s
            web          ClusterIP   10.96.0.50   <none>        81/TCP    0s
            api          ClusterIP   10.96.0.60   <none>        8080/TCP   0s
            api          ClusterIP   10.96.0.60   <none>        8080/TCP   0s
            """);
        KubectlAssert.Output(eventsOutput, -1, """
            EVENT      NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE   SELECTOR
            ADDED      kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   0s    <none>
            ADDED      web          ClusterIP   10.96.0.50   <none>        80/TCP    0s    app=web
            MODIFIED   web          ClusterIP   10.96.0.50   <none>        81/TCP    0s    app=web
            ADDED      api          ClusterIP   10.96.0.60   <none>        8080/TCP   0s    app=api
            DELETED    api          ClusterIP   10.96.0.60   <none>        8080/TCP   0s    app=api
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task GetWatch_LabelSelector_ObjectLeavingAndEnteringIsDeletedAndAdded()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await kubectl.RunAsync("create", "-f", kubectl.WriteFile("web.yaml", KubectlManifests.Web(extraLabel: "tier: frontend")));
        await using var watch = kubectl.Start("get", "svc", "-w", "-l", "tier=frontend", "--output-watch-events");
        await ReadLinesAsync(watch, 2);

        await kubectl.RunAsync("replace", "-f", kubectl.WriteFile("web.yaml", KubectlManifests.Web(port: 81)));
        await kubectl.RunAsync("replace", "-f", kubectl.WriteFile("web.yaml", KubectlManifests.Web(port: 82, extraLabel: "tier: frontend")));
        await ReadLinesAsync(watch, 2);
        var output = await watch.StopAsync();

        // The watch cache reports an object that stops matching as DELETED carrying its previous state
        // (cache_watcher.go convertToWatchEvent), so the row still shows port 80.
        KubectlAssert.Output(output, -1, """
            EVENT      NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
            ADDED      web    ClusterIP   10.96.0.50   <none>        80/TCP    0s
            DELETED    web    ClusterIP   10.96.0.50   <none>        80/TCP    0s
            ADDED      web    ClusterIP   10.96.0.50   <none>        82/TCP    0s
            """);
    }

    private static async Task ReadLinesAsync(KubectlProcess process, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await process.ReadLineAsync();
        }
    }
}
