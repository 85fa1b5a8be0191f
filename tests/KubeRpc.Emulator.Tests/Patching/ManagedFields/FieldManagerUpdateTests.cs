using System.Text.Json.Nodes;
using KubeRpc.Emulator.Patching;
using KubeRpc.Emulator.Patching.ManagedFields;
using static KubeRpc.Emulator.Tests.Patching.ManagedFields.Managed;

namespace KubeRpc.Emulator.Tests.Patching.ManagedFields;

public class FieldManagerUpdateTests
{
    private static JsonObject Update(JsonObject? live, JsonObject updated, string manager, DateTime now, string? subresource = null, string kind = "Service") =>
        FieldManager.Update(live, updated, manager, PatchSchema.ForKind(kind), "v1", now, subresource);

    private static JsonObject With(JsonObject obj, Action<JsonObject> change)
    {
        var copy = (JsonObject)obj.DeepClone();
        change(copy);
        return copy;
    }

    [Fact]
    public void Update_Create_RecordsEveryFieldTheCreatorSet()
    {
        var created = Update(null, Created(Web()), "kubectl-create", T1);

        Assert.Equal(
            """[{"manager":"kubectl-create","operation":"Update","apiVersion":"v1","time":"2026-01-02T15:04:05Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:clusterIP":{},"f:internalTrafficPolicy":{},"f:ports":{".":{},"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},"f:port":{},"f:protocol":{},"f:targetPort":{}}},"f:selector":{},"f:sessionAffinity":{},"f:type":{}}}}]""",
            Text(created["metadata"]!["managedFields"]));
    }

    [Fact]
    public void Update_ChangedLabel_MovesOwnershipFromTheApplierWithoutConflict()
    {
        var live = Stored(FieldManager.Apply(null, Web(), "kubectl", false, Service, "v1", T1));

        var labelled = Update(live, With(live, o => o["metadata"]!["labels"]!["app"] = "web2"), "kubectl-label", T2);

        Assert.Equal("""{"f:metadata":{"f:labels":{"f:app":{}}}}""", Fields(labelled, "kubectl-label", "Update"));
        Assert.DoesNotContain("f:labels", Fields(labelled, "kubectl"), StringComparison.Ordinal);
        Assert.Equal(["kubectl", "kubectl-label"], Entries(labelled).Select(e => (string)e!["manager"]!));
        Assert.Equal("2026-01-02T15:05:05Z", (string?)Entry(labelled, "kubectl-label", "Update")["time"]);
    }

    [Fact]
    public void Update_RemovedField_LeavesEveryManager()
    {
        var live = Stored(Update(null, Created(Web()), "kubectl-create", T1));

        var updated = Update(live, With(live, o => o["metadata"]!.AsObject().Remove("labels")), "kubectl-edit", T2);

        Assert.DoesNotContain("f:labels", Fields(updated, "kubectl-create", "Update"), StringComparison.Ordinal);
        Assert.False(Has(updated, "kubectl-edit", "Update"));
    }

    [Fact]
    public void Update_NothingChanged_KeepsEntriesAndTimes()
    {
        var live = Stored(Update(null, Created(Web()), "kubectl-create", T1));

        var same = Update(live, (JsonObject)live.DeepClone(), "kubectl-create", T3);
        var other = Update(live, (JsonObject)live.DeepClone(), "kubectl-replace", T3);

        Assert.True(JsonNode.DeepEquals(live, same));
        Assert.True(JsonNode.DeepEquals(live, other));
    }

    [Fact]
    public void Update_SameManagerAgain_MergesIntoItsEntryAndMovesTheTime()
    {
        var live = Stored(Update(null, Created(Web()), "kubectl-create", T1));

        var updated = Update(live, With(live, o => o["spec"]!["sessionAffinity"] = "ClientIP"), "kubectl-create", T2);

        var entry = Assert.Single(Entries(updated));
        Assert.Equal("2026-01-02T15:05:05Z", (string?)entry!["time"]);
        Assert.Contains("\"f:selector\":{}", Text(entry["fieldsV1"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Update_StatusSubresource_OwnsStatusOnlyUnderItsOwnEntry()
    {
        var live = Stored(Update(null, Created(Web()), "kubectl-create", T1));
        var updated = With(live, o =>
        {
            o["status"] = JsonNode.Parse("""{"loadBalancer":{"ingress":[{"ip":"192.0.2.1"}]}}""");
            o["spec"]!["sessionAffinity"] = "ClientIP";
        });

        var result = Update(live, updated, "cloud-controller", T2, subresource: "status");

        var entry = Entry(result, "cloud-controller", "Update");
        Assert.Equal("status", (string?)entry["subresource"]);
        Assert.Equal("""{"f:status":{"f:loadBalancer":{"f:ingress":{}}}}""", Text(entry["fieldsV1"]));
        Assert.Contains("f:sessionAffinity", Fields(result, "kubectl-create", "Update"), StringComparison.Ordinal);
    }

    [Fact]
    public void Update_MainResourceStatusChange_IsNotOwned()
    {
        var live = Stored(Update(null, Created(Web()), "kubectl-create", T1));

        var result = Update(live, With(live, o => o["status"] = JsonNode.Parse("""{"loadBalancer":{"ingress":[{"ip":"192.0.2.1"}]}}""")), "kubectl-replace", T2);

        Assert.False(Has(result, "kubectl-replace", "Update"));
    }

    [Fact]
    public void Update_ExistingObjectWithoutManagedFields_StaysUntracked()
    {
        var untracked = Stored(Created(Web()));

        var result = Update(untracked, With(untracked, o => o["metadata"]!["labels"]!["app"] = "x"), "kubectl-label", T2);

        Assert.Null(result["metadata"]!["managedFields"]);
    }

    [Fact]
    public void Update_RequestWithEmptyManagedFields_ResetsThem()
    {
        var live = Stored(Update(null, Created(Web()), "kubectl-create", T1));

        var reset = Update(live, With(live, o => o["metadata"]!["managedFields"] = new JsonArray()), "kubectl-patch", T2);

        Assert.Null(reset["metadata"]!["managedFields"]);
    }

    [Fact]
    public void Update_RequestCarryingManagedFields_KeepsThemOnlyOffSubresources()
    {
        var live = Stored(Update(null, Created(Web()), "kubectl-create", T1));
        var claimed = JsonNode.Parse("""[{"manager":"someone","operation":"Update","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:type":{}}}}]""");

        var main = Update(live, With(live, o => o["metadata"]!["managedFields"] = claimed!.DeepClone()), "kubectl-replace", T2);
        var status = Update(live, With(live, o => o["metadata"]!["managedFields"] = claimed!.DeepClone()), "kubectl-replace", T2, subresource: "status");

        Assert.Equal(["someone"], Entries(main).Select(e => (string)e!["manager"]!));
        Assert.Equal(["kubectl-create"], Entries(status).Select(e => (string)e!["manager"]!));
    }

    [Fact]
    public void Update_Finalizers_AreASetOfValues()
    {
        var ns = Obj("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team","finalizers":["example.com/a"]},"spec":{}}""");

        var created = Update(null, ns, "kubectl-create", T1, kind: "Namespace");

        Assert.Equal("""{"f:metadata":{"f:finalizers":{".":{},"v:\"example.com/a\"":{}}}}""", Fields(created, "kubectl-create", "Update"));
    }

    [Fact]
    public void Update_MoreThanTenUpdaters_MergesTheOldestIntoAncientChanges()
    {
        var obj = Stored(Update(null, Created(Web()), "creator", T1));
        for (var i = 0; i < 11; i++)
        {
            var n = i;
            obj = Update(obj, With(obj, o => o["metadata"]!["labels"]![$"l{n}"] = "v"), $"m{n:00}", T1.AddMinutes(n + 1));
        }

        var managers = Entries(obj).Select(e => (string)e!["manager"]!).ToList();

        Assert.Equal(10, managers.Count);
        Assert.Equal("ancient-changes", managers[0]);
        Assert.DoesNotContain("creator", managers);
        Assert.DoesNotContain("m00", managers);
        Assert.DoesNotContain("m01", managers);
        Assert.Contains("f:clusterIP", Fields(obj, "ancient-changes", "Update"), StringComparison.Ordinal);
        Assert.Equal("2026-01-02T15:06:05Z", (string?)Entry(obj, "ancient-changes", "Update")["time"]);
    }
}
