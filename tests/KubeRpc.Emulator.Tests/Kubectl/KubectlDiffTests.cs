using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary><c>kubectl diff</c>: a strategic merge patch sent with <c>dryRun=All</c>, compared with the live object.</summary>
public class KubectlDiffTests
{
    // kubectl hands the external diff program its LIVE and MERGED folders; the header lines (temp paths and
    // file times) are dropped so the hunks can be compared exactly. The script keeps diff's exit code.
    private const string DiffScript = """
        #!/bin/sh
        diff -u "$1/v1.Service.default.web" "$2/v1.Service.default.web" > "$0.out"
        status=$?
        tail -n +3 "$0.out"
        exit $status

        """;

    [RequiresToolFact("kubectl")]
    public async Task Diff_UnchangedThenChanged_PrintsServerDryRunMerge()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        var file = kubectl.WriteFile("web.yaml", KubectlManifests.Web());
        await kubectl.RunAsync("apply", "-f", file);
        var env = new Dictionary<string, string> { ["KUBECTL_EXTERNAL_DIFF"] = kubectl.WriteScript("diff.sh", DiffScript) };

        var same = await kubectl.RunAsync(["diff", "-f", file], stdin: null, env);
        kubectl.WriteFile("web.yaml", KubectlManifests.Web(port: 81, extraLabel: "tier: frontend"));
        var changed = await kubectl.RunAsync(["diff", "-f", file], stdin: null, env);
        var live = await kubectl.RunAsync("get", "svc", "web", "--show-labels");

        KubectlAssert.Success(same, "");
        // Exit code 1 means "differences found". The dry run changed nothing on the server.
        KubectlAssert.Output(changed.Masked(KubectlAssert.MaskIds), 1, """
            @@ -7,6 +7,7 @@
               creationTimestamp: "2025-01-02T15:04:05Z"
               labels:
                 app: web
            +    tier: frontend
               name: web
               namespace: default
               resourceVersion: "<rv>"
            @@ -20,7 +21,7 @@
               - IPv4
               ipFamilyPolicy: SingleStack
               ports:
            -  - port: 80
            +  - port: 81
                 protocol: TCP
                 targetPort: 8080
               selector:
            """);
        KubectlAssert.Success(live, """
            NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE   LABELS
            web    ClusterIP   10.96.0.50   <none>        80/TCP    0s    app=web
            """);
    }
}
