using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary><c>kubectl delete</c>, <c>wait --for=delete</c> and deleting a namespace with its contents.</summary>
public class KubectlDeleteTests
{
    [RequiresToolFact("kubectl")]
    public async Task Delete_ByNameFileAndSelector_DeletedThenNotFound()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        var file = kubectl.WriteFile("web.yaml", KubectlManifests.Web());
        await kubectl.RunAsync("create", "-f", file);

        var byName = await kubectl.RunAsync("delete", "svc", "web");
        var gone = await kubectl.RunAsync("get", "svc", "web");
        var again = await kubectl.RunAsync("delete", "svc", "web");
        var ignored = await kubectl.RunAsync("delete", "svc", "web", "--ignore-not-found");
        await kubectl.RunAsync("create", "-f", file);
        var byFile = await kubectl.RunAsync("delete", "-f", file);
        var byFileAgain = await kubectl.RunAsync("delete", "-f", file);
        await kubectl.RunAsync("create", "-f", kubectl.WriteFile("tiered.yaml", KubectlManifests.Web(extraLabel: "tier: frontend")));
        var bySelector = await kubectl.RunAsync("delete", "svc", "-l", "tier=frontend");
        var noMatch = await kubectl.RunAsync("delete", "svc", "-l", "tier=frontend");

        KubectlAssert.Success(byName, "service \"web\" deleted");
        KubectlAssert.Failure(gone, "Error from server (NotFound): services \"web\" not found");
        KubectlAssert.Failure(again, "Error from server (NotFound): services \"web\" not found");
        KubectlAssert.Success(ignored, "");
        KubectlAssert.Success(byFile, "service \"web\" deleted");
        KubectlAssert.Failure(byFileAgain, "Error from server (NotFound): error when deleting \"web.yaml\": services \"web\" not found");
        KubectlAssert.Success(bySelector, "service \"web\" deleted");
        KubectlAssert.Success(noMatch, "No resources found");
    }

    [RequiresToolFact("kubectl")]
    public async Task WaitForDelete_ObjectDeletedWhileWaiting_ConditionMet()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await kubectl.RunAsync("create", "-f", kubectl.WriteFile("web.yaml", KubectlManifests.Web()));
        // -v=6 logs each request, so the test knows when the wait is watching instead of sleeping.
        await using var wait = kubectl.Start("wait", "--for=delete", "service/web", "--timeout=30s", "-v=6");
        await wait.WaitForStderrLineAsync(line => line.Contains("watch=true", StringComparison.Ordinal));

        var deleted = await kubectl.RunAsync("delete", "service", "web");
        var waited = await wait.WaitForExitAsync();

        KubectlAssert.Success(deleted, "service \"web\" deleted");
        KubectlAssert.Success(waited with { Stderr = KubectlAssert.WithoutKlog(waited.Stderr) }, "service/web condition met");
    }

    [RequiresToolFact("kubectl")]
    public async Task WaitForDelete_ObjectStays_TimesOut()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await kubectl.RunAsync("create", "-f", kubectl.WriteFile("web.yaml", KubectlManifests.Web()));

        var waited = await kubectl.RunAsync("wait", "--for=delete", "svc/web", "--timeout=2s");

        // When the deadline cuts the open watch, client-go's reflector sometimes logs the cut ("Failed to watch
        // ... context deadline exceeded", or "very short watch" under 1s): a client-side race, so klog lines
        // are dropped; kubectl's own message and exit code stay exact.
        KubectlAssert.Failure(waited with { Stderr = KubectlAssert.WithoutKlog(waited.Stderr) }, "error: timed out waiting for the condition on services/web");
    }

    [RequiresToolFact("kubectl")]
    public async Task DeleteNamespace_WithContents_NamespaceAndContentsGone()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await kubectl.RunAsync("create", "-f", kubectl.WriteFile("shop.yaml", KubectlManifests.Shop));
        await kubectl.RunAsync("create", "secret", "generic", "creds", "-n", "shop", "--from-literal=user=admin");

        var deleted = await kubectl.RunAsync("delete", "namespace", "shop");
        var ns = await kubectl.RunAsync("get", "namespace", "shop");
        var service = await kubectl.RunAsync("get", "svc", "web", "-n", "shop");
        var list = await kubectl.RunAsync("get", "svc,ing,secrets", "-n", "shop");
        var everywhere = await kubectl.RunAsync("get", "svc,ing,secrets", "-A");

        KubectlAssert.Success(deleted, "namespace \"shop\" deleted");
        KubectlAssert.Failure(ns, "Error from server (NotFound): namespaces \"shop\" not found");
        // The server answers services "web" not found; kubectl then looks the namespace up and reports that
        // instead (cli-runtime resource.Info.Get).
        KubectlAssert.Failure(service, "Error from server (NotFound): namespaces \"shop\" not found");
        KubectlAssert.Output(list, 0, "", "No resources found in shop namespace.");
        KubectlAssert.Success(everywhere, """
            NAMESPACE   NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
            default     service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   0s
            """);
    }
}
