using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using KubeRpc.V1;
using static KubeRpc.FunctionalTests.Deploy.Steps;

namespace KubeRpc.FunctionalTests.Deploy;

/// <summary>
/// Every ServiceManager RPC as one application uses them: create, get (cached and strong), list (both), update, update
/// status, patch (merge, JSON, strategic, status, apply), apply, delete, delete collection, its endpoints resolved and
/// watched, and a watch that sees each change, then resumes from the last version it got.
/// </summary>
internal static class ServiceCrudAndWatch
{
    public static async Task RunAsync(ServiceManager.ServiceManagerClient rpc, Metadata caller, string ns)
    {
        var created = await CallAsync("CreateService", () => rpc.CreateServiceAsync(new CreateServiceRequest { Service = Web(ns, "created") }, caller));
        var version = created.Metadata.ResourceVersion;
        var cached = await CallAsync("GetService (cached)", () => rpc.GetServiceAsync(new GetServiceRequest
        {
            Namespace = ns, Name = "web", ReadOptions = new ReadOptions { MinResourceVersion = version },
        }, caller));
        var strong = await CallAsync("GetService (strong)", () => rpc.GetServiceAsync(new GetServiceRequest
        {
            Namespace = ns, Name = "web", ReadOptions = new ReadOptions { Consistency = Consistency.Strong },
        }, caller));
        var listed = await CallAsync("ListServices (cached)", () => rpc.ListServicesAsync(new ListServicesRequest
        {
            Namespace = ns, ReadOptions = new ReadOptions { MinResourceVersion = version },
        }, caller));
        var listedStrong = await CallAsync("ListServices (strong)", () => rpc.ListServicesAsync(new ListServicesRequest
        {
            Namespace = ns, ReadOptions = new ReadOptions { Consistency = Consistency.Strong },
        }, caller));
        Assert.All(new[] { cached, strong, Assert.Single(listed.Services), Assert.Single(listedStrong.Services) },
            s => Assert.Equal(created.Metadata.Uid, s.Metadata.Uid));
        // Its backends, from the EndpointSlice cache KubeRpc keeps as itself (deploy/base lists and watches them).
        var resolved = await CallAsync("ResolveServiceEndpoints", () => rpc.ResolveServiceEndpointsAsync(
            new ResolveServiceEndpointsRequest { Namespace = ns, Name = "web" }, caller));
        Assert.True(resolved.Exists);
        using (var endpoints = rpc.WatchServiceEndpoints(new WatchServiceEndpointsRequest { Namespace = ns, Name = "web" }, caller))
        {
            Assert.True(await endpoints.ResponseStream.MoveNext().WaitAsync(TimeSpan.FromSeconds(10)), "WatchServiceEndpoints ended at once");
            Assert.Equal(ServiceEndpointsEventType.Initial, endpoints.ResponseStream.Current.Type);
            Assert.Equal(created.Spec.ClusterIp, endpoints.ResponseStream.Current.Endpoints.ClusterIps[0]);
        }

        string last;
        using (var watch = rpc.WatchServices(new WatchServicesRequest { Namespace = ns, AllowBookmarks = true }, caller))
        {
            var added = await NextAsync("WatchServices", watch.ResponseStream);
            var initialEnd = await NextAsync("WatchServices", watch.ResponseStream);
            Assert.Equal((EventType.Added, "web"), (added.Type, added.Service.Metadata.Name));
            Assert.True(initialEnd is { Type: EventType.Bookmark, InitialEventsEnd: true });

            var writes = await WriteEveryWayAsync(rpc, caller, created);
            foreach (var (step, written) in writes)
            {
                var e = await NextAsync("WatchServices after " + step, watch.ResponseStream, IsBookmark);
                Assert.Equal((EventType.Modified, written.Metadata.ResourceVersion), (e.Type, e.ResourceVersion));
            }
            last = writes[^1].Written.Metadata.ResourceVersion;
        }

        var missed = await CallAsync("PatchService (merge, no watch open)", () => rpc.PatchServiceAsync(
            Patch(ns, PatchType.MergePatch, """{"metadata":{"labels":{"step":"missed"}}}"""), caller));
        using (var resumed = rpc.WatchServices(new WatchServicesRequest { Namespace = ns, ResourceVersion = last, AllowBookmarks = true }, caller))
        {
            var caughtUp = await NextAsync("WatchServices (resumed)", resumed.ResponseStream, IsBookmark);
            Assert.Equal((EventType.Modified, missed.Metadata.ResourceVersion, "missed"),
                (caughtUp.Type, caughtUp.ResourceVersion, caughtUp.Service.Metadata.Labels["step"]));

            await CallAsync("DeleteService", () => rpc.DeleteServiceAsync(new DeleteServiceRequest { Namespace = ns, Name = "web" }, caller));
            var deleted = await NextAsync("WatchServices (resumed) after DeleteService", resumed.ResponseStream, IsBookmark);
            Assert.Equal((EventType.Deleted, "web"), (deleted.Type, deleted.Service.Metadata.Name));
        }

        foreach (var name in new[] { "batch-1", "batch-2" })
        {
            var member = Web(ns, "batch");
            member.Metadata.Name = name;
            await CallAsync("CreateService " + name, () => rpc.CreateServiceAsync(new CreateServiceRequest { Service = member }, caller));
        }
        var collected = await CallAsync("DeleteServiceCollection", () => rpc.DeleteServiceCollectionAsync(
            new DeleteServiceCollectionRequest { Namespace = ns, LabelSelector = "step=batch" }, caller));
        Assert.Equal(["batch-1", "batch-2"], collected.Services.Select(s => s.Metadata.Name).Order(StringComparer.Ordinal));
    }

    /// <summary>One write of each kind, each changing the Service, in order; the watch must see each as MODIFIED.</summary>
    private static async Task<List<(string Step, Service Written)>> WriteEveryWayAsync(ServiceManager.ServiceManagerClient rpc,
        Metadata caller, Service created)
    {
        var ns = created.Metadata.Namespace;
        var writes = new List<(string, Service)>();
        var update = created.Clone();
        update.Metadata.Labels["step"] = "update";
        var updated = await CallAsync("UpdateService", () => rpc.UpdateServiceAsync(new UpdateServiceRequest { Service = update }, caller));
        writes.Add(("UpdateService", updated));

        var status = updated.Clone();
        status.Status = new ServiceStatus { Conditions = { Ready("Updated") } };
        writes.Add(("UpdateServiceStatus", await CallAsync("UpdateServiceStatus",
            () => rpc.UpdateServiceStatusAsync(new UpdateServiceStatusRequest { Service = status }, caller))));

        foreach (var (step, type, patch, subresource) in new[]
        {
            ("merge", PatchType.MergePatch, """{"metadata":{"labels":{"step":"merge"}}}""", ""),
            ("json", PatchType.JsonPatch, """[{"op":"replace","path":"/metadata/labels/step","value":"json"}]""", ""),
            ("strategic", PatchType.StrategicMergePatch, """{"metadata":{"labels":{"step":"strategic"}}}""", ""),
            ("merge, status", PatchType.MergePatch,
                """{"status":{"conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2025-03-01T12:30:00Z","reason":"Patched","message":"patched"}]}}""",
                "status"),
            ("apply", PatchType.ApplyPatch,
                $$$$"""{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"{{{{ns}}}}","labels":{"step":"apply-patch"}}}""", ""),
        })
        {
            var request = Patch(ns, type, patch);
            request.Subresource = subresource;
            if (type == PatchType.ApplyPatch)
            {
                request.FieldManager = "deploy-suite";
                request.Force = true;
            }
            writes.Add(($"PatchService ({step})", await CallAsync($"PatchService ({step})", () => rpc.PatchServiceAsync(request, caller))));
        }

        writes.Add(("ApplyService", await CallAsync("ApplyService", () => rpc.ApplyServiceAsync(new ApplyServiceRequest
        {
            Service = Web(ns, "apply"), FieldManager = "deploy-suite", Force = true,
        }, caller))));
        return writes;
    }

    private static Service Web(string ns, string step) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = ns, Labels = { ["step"] = step } },
        Spec = new ServiceSpec { Ports = { new ServicePort { Port = 80 } } },
    };

    private static PatchServiceRequest Patch(string ns, PatchType type, string patch) =>
        new() { Namespace = ns, Name = "web", PatchType = type, Patch = patch };

    private static Condition Ready(string reason) => new()
    {
        Type = "Ready",
        Status = ConditionStatus.True,
        LastTransitionTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero)),
        Reason = reason,
        Message = "set by the deploy suite",
    };

    private static bool IsBookmark(ServiceEvent e) => e.Type == EventType.Bookmark;
}
