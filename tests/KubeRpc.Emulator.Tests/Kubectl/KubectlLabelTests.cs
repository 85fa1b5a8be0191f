using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary><c>kubectl label</c> and <c>kubectl annotate</c>: add, refuse without --overwrite, overwrite, remove.</summary>
public class KubectlLabelTests
{
    [RequiresToolFact("kubectl")]
    public async Task Label_AddOverwriteRemove_PrintsEachOutcome()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await kubectl.RunAsync("create", "-f", kubectl.WriteFile("web.yaml", KubectlManifests.Web()));

        var added = await kubectl.RunAsync("label", "svc", "web", "tier=frontend");
        var same = await kubectl.RunAsync("label", "svc", "web", "tier=frontend");
        var refused = await kubectl.RunAsync("label", "svc", "web", "tier=backend");
        var overwritten = await kubectl.RunAsync("label", "svc", "web", "tier=backend", "--overwrite");
        var shown = await kubectl.RunAsync("get", "svc", "web", "--show-labels");
        var removed = await kubectl.RunAsync("label", "svc", "web", "tier-");
        var missing = await kubectl.RunAsync("label", "svc", "nope", "tier=frontend");
        // --resource-version puts metadata.resourceVersion into the merge patch: a precondition.
        var stale = await kubectl.RunAsync("label", "svc", "web", "stale=yes", "--resource-version=1");
        var columns = await kubectl.RunAsync("get", "svc", "-L", "app,tier");

        KubectlAssert.Success(added, "service/web labeled");
        KubectlAssert.Success(same, "service/web not labeled");
        KubectlAssert.Failure(refused, "error: 'tier' already has a value (frontend), and --overwrite is false");
        KubectlAssert.Success(overwritten, "service/web labeled");
        KubectlAssert.Success(shown, """
            NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE   LABELS
            web    ClusterIP   10.96.0.50   <none>        80/TCP    0s    app=web,tier=backend
            """);
        KubectlAssert.Success(removed, "service/web unlabeled");
        KubectlAssert.Failure(missing, "Error from server (NotFound): services \"nope\" not found");
        KubectlAssert.Failure(stale, "Error from server (Conflict): Operation cannot be fulfilled on services \"web\": the object has been modified; please apply your changes to the latest version and try again");
        // Empty label cells still get their padding, so these rows end in spaces.
        KubectlAssert.Success(columns, KubectlTable.Format(
            ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE", "APP", "TIER"],
            ["kubernetes", "ClusterIP", "10.96.0.1", "<none>", "443/TCP", "0s", "", ""],
            ["web", "ClusterIP", "10.96.0.50", "<none>", "80/TCP", "0s", "web", ""]));
    }

    [RequiresToolFact("kubectl")]
    public async Task Annotate_AddOverwriteRemove_PrintsEachOutcome()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await kubectl.RunAsync("create", "-f", kubectl.WriteFile("web.yaml", KubectlManifests.Web()));

        var added = await kubectl.RunAsync("annotate", "svc", "web", "note=hello", "owner=team-a");
        var refused = await kubectl.RunAsync("annotate", "svc", "web", "note=bye");
        var overwritten = await kubectl.RunAsync("annotate", "svc", "web", "note=bye", "--overwrite");
        var removed = await kubectl.RunAsync("annotate", "svc", "web", "owner-");
        var yaml = await kubectl.RunAsync("get", "svc", "web", "-o", "yaml");

        KubectlAssert.Success(added, "service/web annotated");
        KubectlAssert.Failure(refused, "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hello)");
        KubectlAssert.Success(overwritten, "service/web annotated");
        KubectlAssert.Success(removed, "service/web annotated");
        KubectlAssert.Success(yaml.Masked(KubectlAssert.MaskIds), """
            apiVersion: v1
            kind: Service
            metadata:
              annotations:
                note: bye
              creationTimestamp: "2025-01-02T15:04:05Z"
              labels:
                app: web
              name: web
              namespace: default
              resourceVersion: "<rv>"
              uid: <uid>
            spec:
              clusterIP: 10.96.0.50
              clusterIPs:
              - 10.96.0.50
              internalTrafficPolicy: Cluster
              ipFamilies:
              - IPv4
              ipFamilyPolicy: SingleStack
              ports:
              - port: 80
                protocol: TCP
                targetPort: 8080
              selector:
                app: web
              sessionAffinity: None
              type: ClusterIP
            status:
              loadBalancer: {}
            """);
    }
}
