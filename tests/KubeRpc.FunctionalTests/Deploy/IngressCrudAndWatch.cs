using Grpc.Core;
using KubeRpc.FunctionalTests.Ingresses;
using KubeRpc.V1;
using static KubeRpc.FunctionalTests.Deploy.Steps;

namespace KubeRpc.FunctionalTests.Deploy;

/// <summary>
/// Every IngressManager RPC as one application uses them: create, get (cached and strong), list (both), update, update
/// status, patch (merge, JSON, strategic, status, apply), apply, delete, delete collection, and a watch that sees each
/// change, then resumes from the last version it got.
/// </summary>
internal static class IngressCrudAndWatch
{
    public static async Task RunAsync(IngressManager.IngressManagerClient rpc, Metadata caller, string ns)
    {
        var created = await CallAsync("CreateIngress", () => rpc.CreateIngressAsync(new CreateIngressRequest { Ingress = Web(ns, "created") }, caller));
        var version = created.Metadata.ResourceVersion;
        var cached = await CallAsync("GetIngress (cached)", () => rpc.GetIngressAsync(new GetIngressRequest
        {
            Namespace = ns, Name = "web", ReadOptions = new ReadOptions { MinResourceVersion = version },
        }, caller));
        var strong = await CallAsync("GetIngress (strong)", () => rpc.GetIngressAsync(new GetIngressRequest
        {
            Namespace = ns, Name = "web", ReadOptions = new ReadOptions { Consistency = Consistency.Strong },
        }, caller));
        var listed = await CallAsync("ListIngresses (cached)", () => rpc.ListIngressesAsync(new ListIngressesRequest
        {
            Namespace = ns, ReadOptions = new ReadOptions { MinResourceVersion = version },
        }, caller));
        var listedStrong = await CallAsync("ListIngresses (strong)", () => rpc.ListIngressesAsync(new ListIngressesRequest
        {
            Namespace = ns, ReadOptions = new ReadOptions { Consistency = Consistency.Strong },
        }, caller));
        Assert.All(new[] { cached, strong, Assert.Single(listed.Ingresses), Assert.Single(listedStrong.Ingresses) },
            s => Assert.Equal(created.Metadata.Uid, s.Metadata.Uid));

        string last;
        using (var watch = rpc.WatchIngresses(new WatchIngressesRequest { Namespace = ns, AllowBookmarks = true }, caller))
        {
            var added = await NextAsync("WatchIngresses", watch.ResponseStream);
            var initialEnd = await NextAsync("WatchIngresses", watch.ResponseStream);
            Assert.Equal((EventType.Added, "web"), (added.Type, added.Ingress.Metadata.Name));
            Assert.True(initialEnd is { Type: EventType.Bookmark, InitialEventsEnd: true });

            var writes = await WriteEveryWayAsync(rpc, caller, created);
            foreach (var (step, written) in writes)
            {
                var e = await NextAsync("WatchIngresses after " + step, watch.ResponseStream, IsBookmark);
                Assert.Equal((EventType.Modified, written.Metadata.ResourceVersion), (e.Type, e.ResourceVersion));
            }
            last = writes[^1].Written.Metadata.ResourceVersion;
        }

        var missed = await CallAsync("PatchIngress (merge, no watch open)", () => rpc.PatchIngressAsync(
            Patch(ns, PatchType.MergePatch, """{"metadata":{"labels":{"step":"missed"}}}"""), caller));
        using (var resumed = rpc.WatchIngresses(new WatchIngressesRequest { Namespace = ns, ResourceVersion = last, AllowBookmarks = true }, caller))
        {
            var caughtUp = await NextAsync("WatchIngresses (resumed)", resumed.ResponseStream, IsBookmark);
            Assert.Equal((EventType.Modified, missed.Metadata.ResourceVersion, "missed"),
                (caughtUp.Type, caughtUp.ResourceVersion, caughtUp.Ingress.Metadata.Labels["step"]));

            await CallAsync("DeleteIngress", () => rpc.DeleteIngressAsync(new DeleteIngressRequest { Namespace = ns, Name = "web" }, caller));
            var deleted = await NextAsync("WatchIngresses (resumed) after DeleteIngress", resumed.ResponseStream, IsBookmark);
            Assert.Equal((EventType.Deleted, "web"), (deleted.Type, deleted.Ingress.Metadata.Name));
        }

        foreach (var name in new[] { "batch-1", "batch-2" })
        {
            var member = IngressFixtures.Simple(name, ns, new Dictionary<string, string> { ["step"] = "batch" });
            await CallAsync("CreateIngress " + name, () => rpc.CreateIngressAsync(new CreateIngressRequest { Ingress = member }, caller));
        }
        var collected = await CallAsync("DeleteIngressCollection", () => rpc.DeleteIngressCollectionAsync(
            new DeleteIngressCollectionRequest { Namespace = ns, LabelSelector = "step=batch" }, caller));
        Assert.Equal(["batch-1", "batch-2"], collected.Ingresses.Select(s => s.Metadata.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>One write of each kind, each changing the Ingress, in order; the watch must see each as MODIFIED.</summary>
    private static async Task<List<(string Step, Ingress Written)>> WriteEveryWayAsync(IngressManager.IngressManagerClient rpc,
        Metadata caller, Ingress created)
    {
        var ns = created.Metadata.Namespace;
        var writes = new List<(string, Ingress)>();
        var update = created.Clone();
        update.Metadata.Labels["step"] = "update";
        var updated = await CallAsync("UpdateIngress", () => rpc.UpdateIngressAsync(new UpdateIngressRequest { Ingress = update }, caller));
        writes.Add(("UpdateIngress", updated));

        var status = updated.Clone();
        status.Status = new IngressStatus { LoadBalancer = new IngressLoadBalancerStatus { Ingress = { new IngressLoadBalancerIngress { Ip = "192.0.2.10" } } } };
        writes.Add(("UpdateIngressStatus", await CallAsync("UpdateIngressStatus",
            () => rpc.UpdateIngressStatusAsync(new UpdateIngressStatusRequest { Ingress = status }, caller))));

        foreach (var (step, type, patch, subresource) in new[]
        {
            ("merge", PatchType.MergePatch, """{"metadata":{"labels":{"step":"merge"}}}""", ""),
            ("json", PatchType.JsonPatch, """[{"op":"replace","path":"/metadata/labels/step","value":"json"}]""", ""),
            ("strategic", PatchType.StrategicMergePatch, """{"metadata":{"labels":{"step":"strategic"}}}""", ""),
            ("merge, status", PatchType.MergePatch,
                """{"status":{"loadBalancer":{"ingress":[{"ip":"192.0.2.11"}]}}}""",
                "status"),
            ("apply", PatchType.ApplyPatch,
                $$$$"""{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"web","namespace":"{{{{ns}}}}","labels":{"step":"apply-patch"}}}""", ""),
        })
        {
            var request = Patch(ns, type, patch);
            request.Subresource = subresource;
            if (type == PatchType.ApplyPatch)
            {
                request.FieldManager = "deploy-suite";
                request.Force = true;
            }
            writes.Add(($"PatchIngress ({step})", await CallAsync($"PatchIngress ({step})", () => rpc.PatchIngressAsync(request, caller))));
        }

        writes.Add(("ApplyIngress", await CallAsync("ApplyIngress", () => rpc.ApplyIngressAsync(new ApplyIngressRequest
        {
            Ingress = Web(ns, "apply"), FieldManager = "deploy-suite", Force = true,
        }, caller))));
        return writes;
    }

    private static Ingress Web(string ns, string step) => IngressFixtures.Simple("web", ns, new Dictionary<string, string> { ["step"] = step });

    private static PatchIngressRequest Patch(string ns, PatchType type, string patch) =>
        new() { Namespace = ns, Name = "web", PatchType = type, Patch = patch };

    private static bool IsBookmark(IngressEvent e) => e.Type == EventType.Bookmark;
}
