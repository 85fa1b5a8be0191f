using System.Text.Json.Nodes;
using KubeRpc.Emulator.Patching;

namespace KubeRpc.Emulator.Tests.Patching;

public class ApplyMergeTests
{
    private const string Live = """
        {"apiVersion":"v1","kind":"Service",
         "metadata":{"name":"web","namespace":"default","uid":"u1","labels":{"app":"web"},"finalizers":["a","b"],
                     "managedFields":[{"manager":"kubectl","operation":"Apply"}]},
         "spec":{"ports":[{"name":"http","port":80,"protocol":"TCP","targetPort":8080}],
                 "selector":{"app":"web","tier":"fe"},"clusterIP":"10.96.0.10","externalIPs":["1.1.1.1","2.2.2.2"],"type":"ClusterIP"}}
        """;

    private static readonly PatchSchema ServiceSchema = PatchSchema.ForKind("Service");

    private static JsonNode Apply(string applied, string? live = Live) =>
        ApplyMerge.Apply(live is null ? null : Json.Parse(live), Json.Parse(applied), ServiceSchema);

    [Fact]
    public void Apply_WithoutLiveObject_ReturnsTheConfigurationWithoutNulls() =>
        Json.Equal("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"ports":[{"port":80}]}}""",
            Apply("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","labels":null},"spec":{"ports":[{"port":80}]}}""", null));

    [Fact]
    public void Apply_Labels_MergeKeyByKeyAndKeepUnappliedFields()
    {
        var result = Apply("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","labels":{"tier":"fe"}}}""");

        Json.Equal("""{"app":"web","tier":"fe"}""", result["metadata"]!["labels"]);
        Assert.Equal("10.96.0.10", result["spec"]!["clusterIP"]!.GetValue<string>());
        Assert.Equal("u1", result["metadata"]!["uid"]!.GetValue<string>());
    }

    [Fact]
    public void Apply_Selector_IsAtomic() =>
        Json.Equal("""{"app":"web2"}""", Apply("""{"spec":{"selector":{"app":"web2"}}}""")["spec"]!["selector"]);

    [Fact]
    public void Apply_PortWithoutProtocol_MatchesTheTcpPortAndMergesIt() =>
        Json.Equal("""[{"name":"http","port":80,"protocol":"TCP","targetPort":9090}]""",
            Apply("""{"spec":{"ports":[{"port":80,"targetPort":9090}]}}""")["spec"]!["ports"]);

    [Fact]
    public void Apply_PortWithOtherProtocol_IsAnotherItem() =>
        Json.Equal("""[{"name":"http","port":80,"protocol":"TCP","targetPort":8080},{"name":"dns","port":80,"protocol":"UDP"}]""",
            Apply("""{"spec":{"ports":[{"name":"dns","port":80,"protocol":"UDP"}]}}""")["spec"]!["ports"]);

    [Fact]
    public void Apply_ListMap_KeepsLiveOnlyItemsInPlaceAndAppliedItemsInAppliedOrder()
    {
        var live = """{"spec":{"ports":[{"port":1,"protocol":"TCP"},{"port":2,"protocol":"TCP"},{"port":3,"protocol":"TCP"}]}}""";
        var result = Apply("""{"spec":{"ports":[{"port":3,"name":"c"},{"port":9},{"port":1,"name":"a"}]}}""", live);

        Json.Equal("""[{"port":2,"protocol":"TCP"},{"port":3,"protocol":"TCP","name":"c"},{"port":9},{"port":1,"protocol":"TCP","name":"a"}]""",
            result["spec"]!["ports"]);
    }

    [Fact]
    public void Apply_NewItemBeforeSharedItem_IsPlacedBeforeIt()
    {
        var live = """{"spec":{"ports":[{"port":1,"protocol":"TCP"},{"port":2,"protocol":"TCP"}]}}""";

        Json.Equal("""[{"port":1,"protocol":"TCP"},{"port":5},{"port":2,"protocol":"TCP"}]""",
            Apply("""{"spec":{"ports":[{"port":5},{"port":2}]}}""", live)["spec"]!["ports"]);
    }

    [Fact]
    public void Apply_Finalizers_AreASetWithNewValuesAfterLiveOnes() =>
        Json.Equal("""["a","b","c"]""", Apply("""{"metadata":{"finalizers":["c"]}}""")["metadata"]!["finalizers"]);

    [Fact]
    public void Apply_Finalizers_NewValueBeforeASharedOne_ComesFirst() =>
        Json.Equal("""["c","a","b"]""", Apply("""{"metadata":{"finalizers":["c","a"]}}""")["metadata"]!["finalizers"]);

    [Fact]
    public void Apply_AtomicList_IsReplaced() =>
        Json.Equal("""["3.3.3.3"]""", Apply("""{"spec":{"externalIPs":["3.3.3.3"]}}""")["spec"]!["externalIPs"]);

    [Fact]
    public void Apply_OwnerReferenceItems_AreAtomic()
    {
        var live = """{"metadata":{"ownerReferences":[{"uid":"1","name":"a","controller":true},{"uid":"2","name":"b"}]}}""";

        Json.Equal("""[{"uid":"1","name":"z"},{"uid":"2","name":"b"}]""",
            Apply("""{"metadata":{"ownerReferences":[{"uid":"1","name":"z"}]}}""", live)["metadata"]!["ownerReferences"]);
    }

    [Fact]
    public void Apply_NullField_RemovesIt() =>
        Assert.False(Apply("""{"spec":{"clusterIP":null}}""")["spec"]!.AsObject().ContainsKey("clusterIP"));

    [Fact]
    public void Apply_ManagedFieldsInConfiguration_Is400() =>
        Json.Status(Json.Fails(() => Apply("""{"metadata":{"managedFields":[]}}""")), 400, "BadRequest", "metadata.managedFields must be nil");

    [Fact]
    public void Apply_NullManagedFields_IsAcceptedAndLeavesTheLiveOnes() =>
        Json.Equal("""[{"manager":"kubectl","operation":"Apply"}]""",
            Apply("""{"metadata":{"managedFields":null}}""")["metadata"]!["managedFields"]);

    [Fact]
    public void Apply_PortWithoutPortKey_Is400WithStructuredMergeDiffWording() =>
        Json.Status(Json.Fails(() => Apply("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"default"},"spec":{"ports":[{"targetPort":80}]}}""")),
            400, "BadRequest", "failed to create typed patch object (default/web; /v1, Kind=Service): .spec.ports: element 0: " +
            "associative list with keys has an element that omits key field \"port\" (and doesn't have default value)");

    [Fact]
    public void Apply_DuplicatePorts_Is400() =>
        Json.Status(Json.Fails(() => Apply("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"ports":[{"port":80},{"port":80,"protocol":"TCP"}]}}""")),
            400, "BadRequest", "failed to create typed patch object (/web; /v1, Kind=Service): .spec.ports: duplicate entries for key [port=80,protocol=\"TCP\"]");

    [Fact]
    public void Apply_SeveralProblems_AreListedTogether() =>
        Json.Status(Json.Fails(() => ApplyMerge.Apply(null, Json.Parse(
                """{"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"i","finalizers":["a","a"],"ownerReferences":[{"name":"x"}]}}"""),
                PatchSchema.ForKind("Ingress"))),
            400, "BadRequest", "failed to create typed patch object (/i; networking.k8s.io/v1, Kind=Ingress): errors:\n" +
            "  .metadata.finalizers: duplicate entries for key [=\"a\"]\n" +
            "  .metadata.ownerReferences: element 0: associative list with keys has an element that omits key field \"uid\" (and doesn't have default value)");

    [Fact]
    public void Apply_ConfigurationNotAnObject_Is400() =>
        Json.Status(Json.Fails(() => Apply("[]")), 400, "BadRequest",
            "error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}");

    [Fact]
    public void Apply_DoesNotMutateItsInputs()
    {
        var live = Json.Parse(Live);
        var applied = Json.Parse("""{"metadata":{"labels":{"x":"1"}},"spec":{"ports":[{"port":80,"name":"web"}]}}""");
        var before = (live.ToJsonString(), applied.ToJsonString());

        ApplyMerge.Apply(live, applied, ServiceSchema);

        Assert.Equal(before, (live.ToJsonString(), applied.ToJsonString()));
    }
}
