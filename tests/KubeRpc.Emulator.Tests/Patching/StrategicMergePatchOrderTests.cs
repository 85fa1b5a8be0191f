using System.Text.Json.Nodes;
using KubeRpc.Emulator.Patching;

namespace KubeRpc.Emulator.Tests.Patching;

/// <summary>The order strategic merge patch leaves merge lists in (normalizeElementOrder, $setElementOrder).</summary>
public class StrategicMergePatchOrderTests
{
    private const string ThreePorts = """{"spec":{"ports":[{"port":1,"name":"a"},{"port":2,"name":"b"},{"port":3,"name":"c"}]}}""";

    private static JsonNode? Ports(string patch, string document = ThreePorts) =>
        StrategicMergePatch.Apply(Json.Parse(document), Json.Parse(patch), PatchSchema.ForKind("Service"))["spec"]!["ports"];

    [Fact]
    public void Apply_PatchedItems_FollowThePatchOrderAfterEarlierServerOnlyItems() =>
        Json.Equal("""[{"port":1,"name":"a"},{"port":3,"name":"C"},{"port":2,"name":"B"}]""",
            Ports("""{"spec":{"ports":[{"port":3,"name":"C"},{"port":2,"name":"B"}]}}"""));

    [Fact]
    public void Apply_NewItems_ComeBeforeServerOnlyItemsInPatchOrder() =>
        Json.Equal("""[{"port":9},{"port":8},{"port":1,"name":"a"},{"port":2,"name":"b"},{"port":3,"name":"c"}]""",
            Ports("""{"spec":{"ports":[{"port":9},{"port":8}]}}"""));

    [Fact]
    public void Apply_NewItemWithExistingOne_InterleavesByLiveOrder() =>
        Json.Equal("""[{"port":9},{"port":1,"name":"a"},{"port":2,"name":"x"},{"port":3,"name":"c"}]""",
            Ports("""{"spec":{"ports":[{"port":9},{"port":2,"name":"x"}]}}"""));

    [Fact]
    public void Apply_SetElementOrder_PutsANewPortWhereTheOrderSays() =>
        Json.Equal("""[{"port":1,"name":"a"},{"port":5},{"port":2,"name":"b"},{"port":3,"name":"c"}]""",
            Ports("""{"spec":{"$setElementOrder/ports":[{"port":1},{"port":5},{"port":2},{"port":3}],"ports":[{"port":5}]}}"""));

    [Fact]
    public void Apply_SetElementOrderOmittingALiveItem_LeavesItWhereLiveOrderAllows() =>
        Json.Equal("""[{"port":2,"name":"b"},{"port":3,"name":"c"},{"port":1,"name":"a"}]""",
            Ports("""{"spec":{"$setElementOrder/ports":[{"port":3},{"port":1}]}}"""));

    [Fact]
    public void Apply_SetElementOrderForAListTheLiveObjectLacks_UsesThePatchList() =>
        Json.Equal("""[{"port":2},{"port":1}]""",
            Ports("""{"spec":{"$setElementOrder/ports":[{"port":2},{"port":1}],"ports":[{"port":2,"name":null},{"port":1}]}}""", """{"spec":{}}"""));

    [Fact]
    public void Apply_PatchListOutOfSetElementOrder_Is400() =>
        Json.Status(Json.Fails(() => Ports("""{"spec":{"$setElementOrder/ports":[{"port":2},{"port":1}],"ports":[{"port":1},{"port":2}]}}""")),
            400, "BadRequest", "The order in patch list:\n[map[port:1] map[port:2]]\n doesn't match $setElementOrder list:\n[map[port:2] map[port:1]]\n");

    [Fact]
    public void Apply_SetElementOrderWithoutMergeKey_Is400() =>
        Json.Status(Json.Fails(() => Ports("""{"spec":{"$setElementOrder/ports":[{"name":"a"}]}}""")), 400, "BadRequest",
            "map: map[name:a] does not contain declared merge key: port");

    [Fact]
    public void Apply_DuplicateFinalizersInLive_AreDeduplicatedLikeGo() =>
        Json.Equal("""["x","a","b","c"]""",
            StrategicMergePatch.Apply(Json.Parse("""{"metadata":{"finalizers":["a","b","a","c"]}}"""),
                Json.Parse("""{"metadata":{"finalizers":["x"]}}"""), PatchSchema.ForKind("Secret"))["metadata"]!["finalizers"]);

    [Fact]
    public void Apply_DeleteAndAddWithSetElementOrder_OrdersByGosAliasedOriginalList() =>
        // apimachinery's "add map and delete map from merging list" case: the deleted slot of the original slice is
        // reused by the append, so the live order seen by the final sort is [2,4,3] and 4 stays before 3.
        Json.Equal("""[{"port":2,"name":"b"},{"port":4,"name":"c"},{"port":3}]""",
            Ports("""{"spec":{"$setElementOrder/ports":[{"port":2},{"port":3}],"ports":[{"port":3},{"port":1,"$patch":"delete"}]}}""",
                """{"spec":{"ports":[{"port":1},{"port":2,"name":"b"},{"port":4,"name":"c"}]}}"""));

    [Fact]
    public void Apply_SetElementOrderWithServerOnlyItems_InterleavesThemByLiveOrder() =>
        // Live C B D A E, order and patch A B: server-only items before A in the live list come first.
        Json.Equal("""[{"port":3},{"port":4},{"port":1,"name":"A"},{"port":2,"name":"B"},{"port":5}]""",
            Ports("""{"spec":{"$setElementOrder/ports":[{"port":1},{"port":2}],"ports":[{"port":1,"name":"A"},{"port":2,"name":"B"}]}}""",
                """{"spec":{"ports":[{"port":3},{"port":2},{"port":4},{"port":1},{"port":5}]}}"""));
}
