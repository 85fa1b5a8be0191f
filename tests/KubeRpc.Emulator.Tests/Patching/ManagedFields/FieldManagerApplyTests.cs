using System.Text.Json.Nodes;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Patching.ManagedFields;
using static KubeRpc.Emulator.Tests.Patching.ManagedFields.Managed;

namespace KubeRpc.Emulator.Tests.Patching.ManagedFields;

public class FieldManagerApplyTests
{
    private static JsonObject Apply(JsonObject? live, JsonObject config, string manager = "kubectl", bool force = false, DateTime? now = null) =>
        FieldManager.Apply(live, config, manager, force, Service, "v1", now ?? T1);

    [Fact]
    public void Apply_Create_RecordsOneApplyEntryWithTheAppliedFields()
    {
        var created = Apply(null, Web());

        var entry = Assert.Single(Entries(created));
        Assert.Equal(
            """{"manager":"kubectl","operation":"Apply","apiVersion":"v1","time":"2026-01-02T15:04:05Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:clusterIP":{},"f:ports":{"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},"f:port":{},"f:targetPort":{}}},"f:selector":{}}}}""",
            Text(entry));
    }

    [Fact]
    public void Apply_PortNoLongerApplied_IsRemoved()
    {
        var stored = Stored(Apply(null, Web()));

        var changed = Apply(stored, Web(port: 81, labels: ""","tier":"frontend" """), now: T3);

        Assert.Equal("""[{"port":81,"targetPort":8080}]""", Text(changed["spec"]!["ports"]));
        Assert.Equal("""{"app":"web","tier":"frontend"}""", Text(changed["metadata"]!["labels"]));
        Assert.Equal("10.96.0.50", (string?)changed["spec"]!["clusterIPs"]![0]);
        Assert.Equal(
            """{"f:metadata":{"f:labels":{"f:app":{},"f:tier":{}}},"f:spec":{"f:clusterIP":{},"f:ports":{"k:{\"port\":81,\"protocol\":\"TCP\"}":{".":{},"f:port":{},"f:targetPort":{}}},"f:selector":{}}}""",
            Fields(changed, "kubectl"));
        Assert.Equal("2026-01-02T15:06:05Z", (string?)Entry(changed, "kubectl")["time"]);
    }

    [Fact]
    public void Apply_SameConfigurationAgain_ChangesNothingAndKeepsTheTime()
    {
        var stored = Stored(Apply(null, Web()));

        var again = Apply(stored, Web(), now: T2);

        Assert.True(JsonNode.DeepEquals(stored, again), Text(again));
        Assert.Equal("2026-01-02T15:04:05Z", (string?)Entry(again, "kubectl")["time"]);
    }

    [Fact]
    public void Apply_OverValueSetByCreate_ConflictsWithTheCreator()
    {
        var live = Stored(FieldManager.Update(null, Created(Web()), "kubectl-create", Service, "v1", T1));

        var ex = Assert.Throws<ApiException>(() => Apply(live, Web(app: "other"), now: T2));

        // spec.selector is +mapType=atomic: the whole selector is the conflicting field, not .spec.selector.app.
        Assert.Equal(409, ex.Code);
        Assert.Equal("Conflict", ex.Reason);
        Assert.Equal("""Apply failed with 1 conflict: conflict with "kubectl-create" using v1: .spec.selector""", ex.Message);
        Assert.NotNull(ex.Details);
        Assert.Null(ex.Details.Name);
        Assert.Null(ex.Details.Kind);
        var cause = Assert.Single(ex.Details.Causes!);
        Assert.Equal(new StatusCauseInfo("FieldManagerConflict", """conflict with "kubectl-create" using v1""", ".spec.selector"), cause);
    }

    [Fact]
    public void Apply_ForcedOverValueSetByCreate_TakesTheFieldAway()
    {
        var live = Stored(FieldManager.Update(null, Created(Web()), "kubectl-create", Service, "v1", T1));

        var forced = Apply(live, Web(app: "other"), force: true, now: T2);

        Assert.Equal("""{"app":"other"}""", Text(forced["spec"]!["selector"]));
        Assert.DoesNotContain("f:selector", Fields(forced, "kubectl-create", "Update"), StringComparison.Ordinal);
        Assert.Contains("\"f:selector\":{}", Fields(forced, "kubectl"), StringComparison.Ordinal);
        // Fields both set to the same value stay shared.
        Assert.Contains("\"f:app\":{}", Fields(forced, "kubectl-create", "Update"), StringComparison.Ordinal);
        Assert.Equal(["kubectl", "kubectl-create"], Entries(forced).Select(e => (string)e!["manager"]!));
    }

    [Fact]
    public void Apply_SameValueAsAnotherApplier_SharesTheFieldWithoutConflict()
    {
        var live = Stored(Apply(null, Web(), manager: "a"));

        var shared = Apply(live, Obj("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","labels":{"app":"web"}}}"""), manager: "b", now: T2);

        Assert.Equal("""{"f:metadata":{"f:labels":{"f:app":{}}}}""", Fields(shared, "b"));
        Assert.Contains("\"f:app\":{}", Fields(shared, "a"), StringComparison.Ordinal);
        // Nothing changed, so b's entry has no time (the apiserver only stamps changes).
        Assert.Null(Entry(shared, "b")["time"]);
    }

    [Fact]
    public void Apply_OneSharedOwnerStopsApplying_FieldStays()
    {
        var live = Stored(Apply(null, Web(), manager: "a"));
        live = Apply(live, Obj("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","labels":{"app":"web"}}}"""), manager: "b", now: T2);

        var result = Apply(live, Obj("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"selector":{"app":"web"}}}"""), manager: "a", now: T3);

        Assert.Equal("""{"app":"web"}""", Text(result["metadata"]!["labels"]));
        Assert.Null(result["spec"]!["ports"]);
        Assert.Equal("""{"f:spec":{"f:selector":{}}}""", Fields(result, "a"));
        Assert.Equal("""{"f:metadata":{"f:labels":{"f:app":{}}}}""", Fields(result, "b"));
    }

    [Fact]
    public void Apply_ChangingValuesOfSeveralManagers_ListsConflictsPerManager()
    {
        var live = Stored(Apply(null, Web(), manager: "a"));
        live = FieldManager.Update(live, Modified(live, l => l["spec"]!["clusterIP"] = "10.96.0.51"), "editor", Service, "v1", T2);

        var ex = Assert.Throws<ApiException>(() => Apply(live, Web(port: 80, app: "x").Also(c => c["spec"]!["clusterIP"] = "10.96.0.52"), manager: "c", now: T3));

        Assert.Equal(
            "Apply failed with 2 conflicts: conflicts with \"a\":\n- .spec.selector\nconflicts with \"editor\" using v1:\n- .spec.clusterIP",
            ex.Message);
        Assert.Equal([".spec.selector", ".spec.clusterIP"], ex.Details!.Causes!.Select(c => c.Field));
    }

    [Fact]
    public void Apply_ObjectNobodyTracked_FieldsBelongToBeforeFirstApply()
    {
        var untracked = Stored(Created(Web()));

        var ex = Assert.Throws<ApiException>(() => Apply(untracked, Web(app: "other")));
        var applied = Apply(untracked, Web());

        Assert.Equal("""Apply failed with 1 conflict: conflict with "before-first-apply" using v1: .spec.selector""", ex.Message);
        Assert.Contains("\"f:ipFamilies\":{}", Fields(applied, "before-first-apply", "Update"), StringComparison.Ordinal);
        Assert.DoesNotContain("f:status", Fields(applied, "before-first-apply", "Update"), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_KubectlOverClientSideApplyMatchingLastApplied_TakesTheFieldsAndRewritesTheAnnotation()
    {
        var live = ClientSideApplied(Web());

        var result = Apply(live, Web(app: "other", labels: ""","tier":"fe" """), now: T2);
        var otherManager = Assert.Throws<ApiException>(() => Apply(live, Web(app: "other"), manager: "deployer", now: T2));

        Assert.Equal("""{"app":"other"}""", Text(result["spec"]!["selector"]));
        Assert.DoesNotContain("f:selector", Fields(result, "kubectl-client-side-apply", "Update"), StringComparison.Ordinal);
        Assert.Equal(409, otherManager.Code);
        Assert.Equal(
            """{"apiVersion":"v1","kind":"Service","metadata":{"labels":{"app":"web","tier":"fe"},"name":"web"},"spec":{"clusterIP":"10.96.0.50","ports":[{"port":80,"targetPort":8080}],"selector":{"app":"other"}}}""" + "\n",
            (string?)result["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]);
    }

    [Fact]
    public void Apply_KubectlOverClientSideApplyDifferingFromLastApplied_Conflicts()
    {
        var live = ClientSideApplied(Web(), lastApplied: Web(app: "old"));

        var ex = Assert.Throws<ApiException>(() => Apply(live, Web(app: "other"), now: T2));

        Assert.Equal("""Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .spec.selector""", ex.Message);
    }

    [Fact]
    public void Apply_ManagedFieldsInConfiguration_IsBadRequest()
    {
        var config = Web();
        config["metadata"]!["managedFields"] = new JsonArray();

        var ex = Assert.Throws<ApiException>(() => Apply(null, config));

        Assert.Equal((400, "metadata.managedFields must be nil"), (ex.Code, ex.Message));
    }

    /// <summary>An object created by client-side apply: owned by kubectl-client-side-apply, with the annotation.</summary>
    private static JsonObject ClientSideApplied(JsonObject manifest, JsonObject? lastApplied = null)
    {
        var csa = Created(manifest);
        csa["metadata"]!["annotations"] = new JsonObject { ["kubectl.kubernetes.io/last-applied-configuration"] = Text(lastApplied ?? manifest) + "\n" };
        return Stored(FieldManager.Update(null, csa, "kubectl-client-side-apply", Service, "v1", T1));
    }

    private static JsonObject Modified(JsonObject obj, Action<JsonObject> change)
    {
        var copy = (JsonObject)obj.DeepClone();
        change(copy);
        return copy;
    }
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject obj, Action<JsonObject> change)
    {
        change(obj);
        return obj;
    }
}
