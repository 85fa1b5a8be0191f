using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary><c>kubectl apply --server-side</c>: field ownership decides what an apply removes and what conflicts.</summary>
public class KubectlServerSideApplyTests
{
    [RequiresToolFact("kubectl")]
    public async Task Apply_ServerSideTwiceThenChanged_ServersideApplied()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        var file = kubectl.WriteFile("web.yaml", KubectlManifests.Web());

        var first = await kubectl.RunAsync("apply", "--server-side", "-f", file);
        var second = await kubectl.RunAsync("apply", "--server-side", "-f", file);
        kubectl.WriteFile("web.yaml", KubectlManifests.Web(port: 81, extraLabel: "tier: frontend"));
        var changed = await kubectl.RunAsync("apply", "--server-side", "-f", file);
        var table = await kubectl.RunAsync("get", "svc", "web", "-o", "wide", "--show-labels");

        KubectlAssert.Success(first, "service/web serverside-applied");
        KubectlAssert.Success(second, "service/web serverside-applied");
        KubectlAssert.Success(changed, "service/web serverside-applied");
        // Server-side apply owns the fields it set: port 80, dropped from the manifest, goes away.
        KubectlAssert.Success(table, """
            NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE   SELECTOR   LABELS
            web    ClusterIP   10.96.0.50   <none>        81/TCP    0s    app=web    app=web,tier=frontend
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task Apply_ServerSideOverValueSetByCreate_ConflictUntilForced()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await kubectl.RunAsync("create", "-f", kubectl.WriteFile("web.yaml", KubectlManifests.Web()));
        var file = kubectl.WriteFile("other.yaml", KubectlManifests.Web().Replace("app: web\n  ports", "app: other\n  ports", StringComparison.Ordinal));

        var conflict = await kubectl.RunAsync("apply", "--server-side", "-f", file);
        var forced = await kubectl.RunAsync("apply", "--server-side", "--force-conflicts", "-f", file);
        var table = await kubectl.RunAsync("get", "svc", "web", "-o", "wide");

        // kubectl create recorded its fields under the manager "kubectl-create" (an Update operation); an
        // apply that sets one of them to another value conflicts (managedfields internal/conflict.go).
        KubectlAssert.Failure(conflict, """
            error: Apply failed with 1 conflict: conflict with "kubectl-create" using v1: .spec.selector
            Please review the fields above--they currently have other managers. Here
            are the ways you can resolve this warning:
            * If you intend to manage all of these fields, please re-run the apply
              command with the `--force-conflicts` flag.
            * If you do not intend to manage all of the fields, please edit your
              manifest to remove references to the fields that should keep their
              current managers.
            * You may co-own fields by updating your manifest to match the existing
              value; in this case, you'll become the manager if the other manager(s)
              stop managing the field (remove it from their configuration).
            See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
            """);
        KubectlAssert.Success(forced, "service/web serverside-applied");
        KubectlAssert.Success(table, """
            NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE   SELECTOR
            web    ClusterIP   10.96.0.50   <none>        80/TCP    0s    app=other
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task Apply_ServerSideOverDefaultOfCreate_ConflictsWithTheCreator()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await kubectl.RunAsync("create", "-f", kubectl.WriteFile("web.yaml", KubectlManifests.Web()));
        var file = kubectl.WriteFile("nodeport.yaml", KubectlManifests.Web().Replace("spec:\n", "spec:\n  type: NodePort\n", StringComparison.Ordinal));

        var owned = await kubectl.RunAsync("get", "svc", "web", "-o", "jsonpath={.metadata.managedFields[0].fieldsV1.f:spec}");
        var conflict = await kubectl.RunAsync("apply", "--server-side", "-f", file);

        // kube-apiserver defaults a body while decoding it, before its field manager runs: the creator owns the
        // defaults it left unset (type, sessionAffinity, internalTrafficPolicy, a port's protocol), not what
        // allocation filled in (clusterIPs, ipFamilies, ipFamilyPolicy).
        Assert.Equal(0, owned.ExitCode);
        Assert.Equal("""
            {"f:clusterIP":{},"f:internalTrafficPolicy":{},"f:ports":{".":{},"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},"f:port":{},"f:protocol":{},"f:targetPort":{}}},"f:selector":{},"f:sessionAffinity":{},"f:type":{}}
            """, owned.Stdout);
        Assert.Contains("""Apply failed with 1 conflict: conflict with "kubectl-create" using v1: .spec.type""", conflict.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, conflict.ExitCode);
    }

    [RequiresToolFact("kubectl")]
    public async Task Apply_ServerSideWithTokenAllowedToPatchOnly_NewServiceForbiddenUntilCreateGranted()
    {
        await using var kubectl = await KubectlSession.StartAsync(https: true);
        string[][] setUp =
        [
            ["create", "serviceaccount", "robot"],
            ["create", "role", "svc-patcher", "--verb=patch", "--resource=services"],
            ["create", "rolebinding", "robot-svc", "--role=svc-patcher", "--serviceaccount=default:robot"],
        ];
        foreach (var command in setUp)
        {
            var result = await kubectl.RunAsync(command);
            Assert.True(result.ExitCode == 0, result.Describe());
        }
        var token = Assert.Single((await kubectl.RunAsync("create", "token", "robot")).StdoutLines);
        var file = kubectl.WriteFile("web.yaml", KubectlManifests.Web());

        var forbidden = await kubectl.RunWithTokenAsync(token, "apply", "--server-side", "-f", file);
        await kubectl.RunAsync("create", "-f", file);
        var existing = await kubectl.RunWithTokenAsync(token, "apply", "--server-side", "-f", file);
        await kubectl.RunAsync("delete", "service", "web");
        await kubectl.RunAsync("create", "role", "svc-creator", "--verb=create", "--resource=services");
        await kubectl.RunAsync("create", "rolebinding", "robot-create", "--role=svc-creator", "--serviceaccount=default:robot");
        var created = await kubectl.RunWithTokenAsync(token, "apply", "--server-side", "-f", file);

        // Patch authorizes the request; creating the missing Service needs create too, and RBAC gives no reason.
        KubectlAssert.Failure(forbidden, "Error from server (Forbidden): services \"web\" is forbidden: ");
        KubectlAssert.Success(existing, "service/web serverside-applied");
        KubectlAssert.Success(created, "service/web serverside-applied");
    }
}
