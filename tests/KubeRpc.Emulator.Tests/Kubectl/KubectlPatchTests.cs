using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary><c>kubectl patch</c> with each patch type.</summary>
public class KubectlPatchTests
{
    [RequiresToolFact("kubectl")]
    public async Task Patch_EachType_PatchedThenNoChange()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await kubectl.RunAsync("create", "-f", kubectl.WriteFile("web.yaml", KubectlManifests.Web()));
        const string strategicPatch = """{"spec":{"ports":[{"port":80,"targetPort":9090}]}}""";
        const string jsonPatch = """[{"op":"replace","path":"/spec/ports/0/port","value":81}]""";

        var strategic = await kubectl.RunAsync("patch", "svc", "web", "-p", strategicPatch);
        var strategicAgain = await kubectl.RunAsync("patch", "svc", "web", "-p", strategicPatch);
        var merge = await kubectl.RunAsync("patch", "svc", "web", "--type=merge", "-p", """{"spec":{"selector":{"app":"web2"}}}""");
        var json = await kubectl.RunAsync("patch", "svc", "web", "--type=json", "-p", jsonPatch);
        var jsonAgain = await kubectl.RunAsync("patch", "svc", "web", "--type=json", "-p", jsonPatch);
        var table = await kubectl.RunAsync("get", "svc", "web", "-o", "wide");
        var targetPort = await kubectl.RunAsync("get", "svc", "web", "-o", "jsonpath={.spec.ports[0].targetPort}");

        KubectlAssert.Success(strategic, "service/web patched");
        KubectlAssert.Success(strategicAgain, "service/web patched (no change)");
        KubectlAssert.Success(merge, "service/web patched");
        KubectlAssert.Success(json, "service/web patched");
        KubectlAssert.Success(jsonAgain, "service/web patched (no change)");
        KubectlAssert.Success(table, """
            NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE   SELECTOR
            web    ClusterIP   10.96.0.50   <none>        81/TCP    0s    app=web2
            """);
        Assert.Equal(new KubectlResult(0, "9090", ""), targetPort);
    }

    [RequiresToolFact("kubectl")]
    public async Task Patch_StrategicListMerge_AddsAndDeletesPortsByKey()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await kubectl.RunAsync("create", "-f", kubectl.WriteFile("web.yaml", KubectlManifests.Web()));

        // Service ports merge by their "port" key: 80 gains a name, 443 is appended.
        var added = await kubectl.RunAsync("patch", "svc", "web", "-p", """{"spec":{"ports":[{"port":80,"name":"http"},{"port":443,"name":"https","targetPort":8443}]}}""");
        var both = await kubectl.RunAsync("get", "svc", "web");
        var deleted = await kubectl.RunAsync("patch", "svc", "web", "-p", """{"spec":{"ports":[{"$patch":"delete","port":80}]}}""");
        var one = await kubectl.RunAsync("get", "svc", "web");

        KubectlAssert.Success(added, "service/web patched");
        KubectlAssert.Success(both, """
            NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)          AGE
            web    ClusterIP   10.96.0.50   <none>        80/TCP,443/TCP   0s
            """);
        KubectlAssert.Success(deleted, "service/web patched");
        KubectlAssert.Success(one, """
            NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
            web    ClusterIP   10.96.0.50   <none>        443/TCP   0s
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task Patch_Failures_PrintServerErrors()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await kubectl.RunAsync("create", "-f", kubectl.WriteFile("web.yaml", KubectlManifests.Web()));

        var missing = await kubectl.RunAsync("patch", "svc", "nope", "-p", """{"metadata":{"labels":{"a":"b"}}}""");
        var invalid = await kubectl.RunAsync("patch", "svc", "web", "--type=merge", "-p", """{"spec":{"sessionAffinity":"Sticky"}}""");
        var failedTest = await kubectl.RunAsync("patch", "svc", "web", "--type=json", "-p", """[{"op":"test","path":"/spec/type","value":"NodePort"}]""");

        KubectlAssert.Failure(missing, "Error from server (NotFound): services \"nope\" not found");
        KubectlAssert.Failure(invalid, "The Service \"web\" is invalid: spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\", \"None\"");
        // kube-apiserver turns a failed JSON-patch operation into a bare 422 (NewGenericServerResponse with an
        // empty resource, handlers/patch.go), which kubectl prints without details.
        KubectlAssert.Failure(failedTest, "The request is invalid: the server rejected our request due to an error in our request");
    }
}
