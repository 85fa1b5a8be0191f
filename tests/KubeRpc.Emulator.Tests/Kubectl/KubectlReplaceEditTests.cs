using System.Text.RegularExpressions;
using KubeRpc.Emulator.Tests.Infrastructure;

namespace KubeRpc.Emulator.Tests.Kubectl;

/// <summary><c>kubectl replace -f</c> and <c>kubectl edit</c> driven by an EDITOR script.</summary>
public partial class KubectlReplaceEditTests
{
    [RequiresToolFact("kubectl")]
    public async Task Replace_ChangedFileThenStaleVersion_ReplacedThenConflict()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await kubectl.RunAsync("create", "-f", kubectl.WriteFile("web.yaml", KubectlManifests.Web()));
        var current = (await kubectl.RunAsync("get", "svc", "web", "-o", "jsonpath={.metadata.resourceVersion}")).Stdout;

        // Without clusterIP: the Service registry copies the allocated address from the stored object
        // (patchAllocatedValues), so the replace neither fails nor moves the service.
        var replaced = await kubectl.RunAsync("replace", "-f", kubectl.WriteFile("web.yaml", KubectlManifests.Web(port: 81).Replace("  clusterIP: 10.96.0.50\n", "", StringComparison.Ordinal)));
        var stale = await kubectl.RunAsync("replace", "-f", kubectl.WriteFile("stale.yaml", KubectlManifests.Web(port: 82, resourceVersion: current)));
        var table = await kubectl.RunAsync("get", "svc", "web");

        KubectlAssert.Success(replaced, "service/web replaced");
        KubectlAssert.Failure(stale, "Error from server (Conflict): error when replacing \"stale.yaml\": Operation cannot be fulfilled on services \"web\": the object has been modified; please apply your changes to the latest version and try again");
        KubectlAssert.Success(table, """
            NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
            web    ClusterIP   10.96.0.50   <none>        81/TCP    0s
            """);
    }

    [RequiresToolFact("kubectl")]
    public async Task Edit_EditorScriptChangesPortAndAnnotation_Edited()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await kubectl.RunAsync("create", "-f", kubectl.WriteFile("web.yaml", KubectlManifests.Web()));
        // kubectl runs $EDITOR with the temp file as its argument. The script changes the port and adds an
        // annotation after metadata's "name: web" (the only line of that indentation that reads so).
        var editor = kubectl.WriteScript("edit.sh", "#!/bin/sh\nsed -i -e 's/^  - port: 80$/  - port: 81/' -e 's/^  name: web$/  name: web\\n  annotations:\\n    note: edited/' \"$1\"\n");
        var untouched = kubectl.WriteScript("keep.sh", "#!/bin/sh\nexit 0\n");

        var edited = await kubectl.RunAsync(["edit", "svc", "web"], stdin: null, new Dictionary<string, string> { ["EDITOR"] = editor });
        var unchanged = await kubectl.RunAsync(["edit", "svc", "web"], stdin: null, new Dictionary<string, string> { ["KUBE_EDITOR"] = untouched });
        var table = await kubectl.RunAsync("get", "svc", "web");
        var note = await kubectl.RunAsync("get", "svc", "web", "-o", "jsonpath={.metadata.annotations.note}");

        KubectlAssert.Success(edited, "service/web edited");
        KubectlAssert.Output(unchanged, 0, "", "Edit cancelled, no changes made.");
        KubectlAssert.Success(table, """
            NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
            web    ClusterIP   10.96.0.50   <none>        81/TCP    0s
            """);
        Assert.Equal(new KubectlResult(0, "edited", ""), note);
    }

    [RequiresToolFact("kubectl")]
    public async Task Edit_InvalidChange_ReportsAndKeepsACopy()
    {
        await using var kubectl = await KubectlSession.StartAsync();
        await kubectl.RunAsync("create", "-f", kubectl.WriteFile("web.yaml", KubectlManifests.Web()));
        var editor = kubectl.WriteScript("edit.sh", "#!/bin/sh\nsed -i -e 's/^  - port: 80$/  - port: 0/' \"$1\"\n");

        var edited = await kubectl.RunAsync(["edit", "svc", "web"], stdin: null, new Dictionary<string, string> { ["EDITOR"] = editor });
        var table = await kubectl.RunAsync("get", "svc", "web");

        // kubectl reopens the editor with the server's error; the script finds nothing more to change, so kubectl
        // gives up and keeps the edited copy under a random temp name.
        var copyName = EditCopy();
        KubectlAssert.Failure(edited.Masked(text => copyName.Replace(text.Replace(kubectl.TempDir, "$TMPDIR", StringComparison.Ordinal), "kubectl-edit-<random>.yaml")), """
            error: services "web" is invalid
            A copy of your changes has been stored to "$TMPDIR/kubectl-edit-<random>.yaml"
            error: Edit cancelled, no valid changes were saved.
            """);
        KubectlAssert.Success(table, """
            NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
            web    ClusterIP   10.96.0.50   <none>        80/TCP    0s
            """);
    }

    [GeneratedRegex(@"kubectl-edit-[0-9]+\.yaml")]
    private static partial Regex EditCopy();
}
