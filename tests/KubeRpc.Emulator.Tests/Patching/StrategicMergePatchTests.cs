using System.Text.Json.Nodes;
using KubeRpc.Emulator.Patching;

namespace KubeRpc.Emulator.Tests.Patching;

public class StrategicMergePatchTests
{
    private const string Service = """
        {"apiVersion":"v1","kind":"Service",
         "metadata":{"name":"web","namespace":"default","labels":{"app":"web","tier":"fe"},"finalizers":["a","b"]},
         "spec":{"ports":[{"name":"http","port":80,"protocol":"TCP","targetPort":8080}],
                 "selector":{"app":"web","tier":"fe"},"clusterIP":"10.96.0.10","clusterIPs":["10.96.0.10"],
                 "externalIPs":["1.1.1.1"],"type":"ClusterIP"}}
        """;

    private static readonly PatchSchema ServiceSchema = PatchSchema.ForKind("Service");

    private static JsonNode Apply(string patch, string document = Service) =>
        StrategicMergePatch.Apply(Json.Parse(document), Json.Parse(patch), ServiceSchema);

    private static string? Get(JsonNode node, string path) =>
        path.Split('.').Aggregate((JsonNode?)node, (n, key) => n?[key])?.ToJsonString();

    [Fact]
    public void Apply_KubectlApplyBody_AddsPortInSetElementOrderAndMergesLabels()
    {
        var result = Apply("""
            {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"},"labels":{"tier":"fe"}},
             "spec":{"$setElementOrder/ports":[{"port":80},{"port":443}],"ports":[{"name":"https","port":443,"targetPort":8443}]}}
            """);

        Json.Equal("""[{"name":"http","port":80,"protocol":"TCP","targetPort":8080},{"name":"https","port":443,"targetPort":8443}]""",
            result["spec"]!["ports"]);
        Json.Equal("""{"app":"web","tier":"fe"}""", result["metadata"]!["labels"]);
        Json.Equal("""{"kubectl.kubernetes.io/last-applied-configuration":"{}"}""", result["metadata"]!["annotations"]);
        Assert.Null(result["spec"]!["$setElementOrder/ports"]);
    }

    [Fact]
    public void Apply_KubectlDiffBody_DeletesLabelAndPortByMergeKey()
    {
        var live = Apply("""{"spec":{"ports":[{"name":"https","port":443,"targetPort":8443}]}}""").ToJsonString();
        var result = Apply("""
            {"metadata":{"labels":{"tier":null}},
             "spec":{"$setElementOrder/ports":[{"port":80}],"ports":[{"$patch":"delete","port":443}]}}
            """, live);

        Json.Equal("""{"app":"web"}""", result["metadata"]!["labels"]);
        Json.Equal("""[{"name":"http","port":80,"protocol":"TCP","targetPort":8080}]""", result["spec"]!["ports"]);
    }

    [Fact]
    public void Apply_PortWithExistingKey_MergesIntoThatPort() =>
        Json.Equal("""[{"name":"http","port":80,"protocol":"TCP","targetPort":9090}]""",
            Apply("""{"spec":{"ports":[{"port":80,"targetPort":9090}]}}""")["spec"]!["ports"]);

    [Fact]
    public void Apply_NewPortWithoutOrderDirective_GoesBeforeServerOnlyPorts() =>
        Json.Equal("""[{"port":443},{"name":"http","port":80,"protocol":"TCP","targetPort":8080}]""",
            Apply("""{"spec":{"ports":[{"port":443}]}}""")["spec"]!["ports"]);

    [Fact]
    public void Apply_PortWithoutMergeKey_Is400WithTheLibraryMessage() =>
        Json.Status(Json.Fails(() => Apply("""{"spec":{"ports":[{"targetPort":8080}]}}""")), 400, "BadRequest",
            "map: map[targetPort:8080] does not contain declared merge key: port");

    [Fact]
    public void Apply_DeleteDirectiveWithoutMergeKey_Is400() =>
        Json.Status(Json.Fails(() => Apply("""{"spec":{"ports":[{"$patch":"delete","name":"http"}]}}""")), 400, "BadRequest",
            "map: map[$patch:delete name:http] does not contain declared merge key: port");

    [Fact]
    public void Apply_ReplaceDirectiveInList_ReplacesTheWholeList() =>
        Json.Equal("""[{"name":"https","port":443}]""",
            Apply("""{"spec":{"ports":[{"$patch":"replace"},{"name":"https","port":443}]}}""")["spec"]!["ports"]);

    [Fact]
    public void Apply_MergeDirectiveInList_Is400() =>
        Json.Status(Json.Fails(() => Apply("""{"spec":{"ports":[{"$patch":"merge","port":80}]}}""")), 400, "BadRequest",
            "merging lists cannot yet be specified in the patch");

    [Fact]
    public void Apply_UnknownDirectiveInList_Is400() =>
        Json.Status(Json.Fails(() => Apply("""{"spec":{"ports":[{"$patch":"nope","port":80}]}}""")), 400, "BadRequest",
            "unknown patch type: nope in map: map[$patch:nope port:80]");

    [Fact]
    public void Apply_ReplaceDirectiveOnMap_ReplacesTheMap() =>
        Json.Equal("""{"app":"new"}""", Apply("""{"spec":{"selector":{"$patch":"replace","app":"new"}}}""")["spec"]!["selector"]);

    [Fact]
    public void Apply_DeleteDirectiveOnMap_LeavesAnEmptyMap() =>
        Json.Equal("{}", Apply("""{"spec":{"selector":{"$patch":"delete"}}}""")["spec"]!["selector"]);

    [Fact]
    public void Apply_UnknownDirectiveOnMap_Is400() =>
        Json.Status(Json.Fails(() => Apply("""{"spec":{"selector":{"$patch":"foo"}}}""")), 400, "BadRequest",
            "unknown patch type: foo in map: map[$patch:foo]");

    [Fact]
    public void Apply_NonStringDirective_Is400WithGoFormatting() =>
        Json.Status(Json.Fails(() => Apply("""{"spec":{"selector":{"$patch":1}}}""")), 400, "BadRequest",
            "unknown patch type: %!s(int64=1) in map: map[$patch:1]");

    [Fact]
    public void Apply_RetainKeys_ClearsUnlistedFieldsAndMergesTheRest()
    {
        var spec = Apply("""{"spec":{"$retainKeys":["ports","selector"],"selector":{"x":"y"}}}""")["spec"]!;

        Json.Equal("""{"ports":[{"name":"http","port":80,"protocol":"TCP","targetPort":8080}],"selector":{"app":"web","tier":"fe","x":"y"}}""", spec);
    }

    [Theory]
    [InlineData("""{"spec":{"$retainKeys":"ports"}}""")]
    [InlineData("""{"spec":{"$retainKeys":["ports"],"type":"NodePort"}}""")]
    public void Apply_BadRetainKeys_Is400(string patch) =>
        Json.Status(Json.Fails(() => Apply(patch)), 400, "BadRequest", "invalid patch format of retainKeys");

    [Fact]
    public void Apply_RetainKeysIgnoresNullAndDirectiveKeys() =>
        Json.Equal("""{"selector":{"app":"web","tier":"fe"}}""",
            Apply("""{"spec":{"$retainKeys":["selector"],"type":null,"$deleteFromPrimitiveList/externalIPs":["1.1.1.1"]}}""")["spec"]);

    [Fact]
    public void Apply_NullMember_DeletesIt()
    {
        var result = Apply("""{"spec":{"clusterIP":null,"nothere":null}}""");

        Assert.False(result["spec"]!.AsObject().ContainsKey("clusterIP"));
        Assert.False(result["spec"]!.AsObject().ContainsKey("nothere"));
    }

    [Fact]
    public void Apply_NewMap_DropsNullMembers() =>
        Json.Equal("""{"b":"x"}""", Apply("""{"metadata":{"annotations":{"a":null,"b":"x"}}}""")["metadata"]!["annotations"]);

    [Fact]
    public void Apply_NewValueWithDirectives_DropsMapsCarryingThem()
    {
        var spec = Apply("""{"spec":{"newMap":{"$patch":"delete"},"newList":[{"$patch":"delete","a":1},{"b":2}]}}""")["spec"]!.AsObject();

        Assert.False(spec.ContainsKey("newMap"));
        Json.Equal("""[{"b":2}]""", spec["newList"]);
    }

    [Fact]
    public void Apply_ListWithoutMergeStrategy_IsReplaced() =>
        Json.Equal("""["2.2.2.2"]""", Apply("""{"spec":{"externalIPs":["2.2.2.2"]}}""")["spec"]!["externalIPs"]);

    [Fact]
    public void Apply_MapWithoutStrategy_Merges() =>
        Json.Equal("""{"app":"web","tier":"be","x":"1"}""", Apply("""{"spec":{"selector":{"tier":"be","x":"1"}}}""")["spec"]!["selector"]);

    [Fact]
    public void Apply_ScalarChangingType_IsReplaced() =>
        Assert.Equal("""{"a":1}""", Get(Apply("""{"spec":{"type":{"a":1}}}"""), "spec.type"));

    [Fact]
    public void Apply_Finalizers_AreUnionedWithNewOnesFirst() =>
        Json.Equal("""["c","a","b"]""", Apply("""{"metadata":{"finalizers":["c","a"]}}""")["metadata"]!["finalizers"]);

    [Fact]
    public void Apply_EmptyFinalizerList_KeepsTheFinalizersBecauseMergeListsUnion() =>
        Json.Equal("""["a","b"]""", Apply("""{"metadata":{"finalizers":[]}}""")["metadata"]!["finalizers"]);

    [Fact]
    public void Apply_NullFinalizers_RemovesThem() =>
        Assert.False(Apply("""{"metadata":{"finalizers":null}}""")["metadata"]!.AsObject().ContainsKey("finalizers"));

    [Fact]
    public void Apply_DeleteFromPrimitiveList_RemovesTheValues() =>
        Json.Equal("""["a"]""", Apply("""{"metadata":{"$deleteFromPrimitiveList/finalizers":["b","zz"]}}""")["metadata"]!["finalizers"]);

    [Fact]
    public void Apply_DeleteFromPrimitiveListOfMissingList_DoesNothing() =>
        Assert.False(Apply("""{"spec":{"$deleteFromPrimitiveList/loadBalancerSourceRanges":["x"]}}""")["spec"]!.AsObject()
            .ContainsKey("loadBalancerSourceRanges"));

    [Fact]
    public void Apply_SetElementOrderOnPrimitives_ReordersTheMergedList() =>
        Json.Equal("""["b","a","c"]""",
            Apply("""{"metadata":{"$setElementOrder/finalizers":["b","a","c"],"finalizers":["c"]}}""")["metadata"]!["finalizers"]);

    [Fact]
    public void Apply_SetElementOrderAlone_ReordersTheLiveList() =>
        Json.Equal("""["b","a"]""", Apply("""{"metadata":{"$setElementOrder/finalizers":["b","a"]}}""")["metadata"]!["finalizers"]);

    [Fact]
    public void Apply_SetElementOrderContradictingThePatchList_Is400() =>
        Json.Status(Json.Fails(() => Apply("""{"spec":{"$setElementOrder/ports":[{"port":80}],"ports":[{"port":443}]}}""")), 400, "BadRequest",
            "The order in patch list:\n[map[port:443]]\n doesn't match $setElementOrder list:\n[map[port:80]]\n");

    [Theory]
    [InlineData("""{"spec":{"$setElementOrderX/ports":[]}}""", "invalid patch format of setElementOrder list")]
    [InlineData("""{"metadata":{"$deleteFromPrimitiveList":["a"]}}""", "invalid patch format of primitive list")]
    [InlineData("""{"metadata":{"$deleteFromPrimitiveListX/finalizers":["a"]}}""", "invalid patch format of primitive list")]
    public void Apply_MalformedDirectiveName_Is400(string patch, string message) =>
        Json.Status(Json.Fails(() => Apply(patch)), 400, "BadRequest", message);

    [Fact]
    public void Apply_SetElementOrderNotAList_Is400() =>
        Json.Status(Json.Fails(() => Apply("""{"spec":{"$setElementOrder/ports":"x"}}""")), 400, "BadRequest",
            "expected a []interface {}, but received a string");

    [Fact]
    public void Apply_ListOfLists_Is422() =>
        Json.Status(Json.Fails(() => Apply("""{"metadata":{"finalizers":[["x"]]}}""", """{"metadata":{"finalizers":[]}}""")),
            422, "Invalid", "the server rejected our request due to an error in our request");

    [Fact]
    public void Apply_MixedElementTypes_Is400() =>
        Json.Status(Json.Fails(() => Apply("""{"metadata":{"finalizers":[1]}}""")), 400, "BadRequest",
            "list element types are not identical: [[a b] [1]]");

    [Fact]
    public void Apply_OwnerReferences_MergeByUid()
    {
        var live = """{"metadata":{"name":"x","ownerReferences":[{"uid":"1","name":"a","kind":"Namespace"},{"uid":"2","name":"b"}]}}""";
        var result = StrategicMergePatch.Apply(Json.Parse(live),
            Json.Parse("""{"metadata":{"ownerReferences":[{"uid":"2","controller":true}]}}"""), PatchSchema.ForKind("Secret"));

        Json.Equal("""[{"uid":"1","name":"a","kind":"Namespace"},{"uid":"2","name":"b","controller":true}]""", result["metadata"]!["ownerReferences"]);
    }

    [Fact]
    public void Apply_NamespaceStatusConditions_MergeByType()
    {
        var live = """{"status":{"phase":"Terminating","conditions":[{"type":"A","status":"True"},{"type":"B","status":"False"}]}}""";
        var result = StrategicMergePatch.Apply(Json.Parse(live),
            Json.Parse("""{"status":{"conditions":[{"type":"B","status":"True"}]}}"""), PatchSchema.ForKind("Namespace"));

        Json.Equal("""[{"type":"A","status":"True"},{"type":"B","status":"True"}]""", result["status"]!["conditions"]);
    }

    [Fact]
    public void Apply_NamespaceSpecFinalizers_AreReplaced()
    {
        var result = StrategicMergePatch.Apply(Json.Parse("""{"spec":{"finalizers":["kubernetes"]}}"""),
            Json.Parse("""{"spec":{"finalizers":["other"]}}"""), PatchSchema.ForKind("Namespace"));

        Json.Equal("""["other"]""", result["spec"]!["finalizers"]);
    }

    [Fact]
    public void Apply_IngressRules_AreReplaced()
    {
        var result = StrategicMergePatch.Apply(Json.Parse("""{"spec":{"rules":[{"host":"a"},{"host":"b"}]}}"""),
            Json.Parse("""{"spec":{"rules":[{"host":"c"}]}}"""), PatchSchema.ForKind("Ingress"));

        Json.Equal("""[{"host":"c"}]""", result["spec"]!["rules"]);
    }

    [Fact]
    public void Apply_TopLevelReplaceDirective_ReplacesTheObject() =>
        Json.Equal("""{"kind":"Service"}""", Apply("""{"$patch":"replace","kind":"Service"}"""));

    [Fact]
    public void Apply_NullPatch_ChangesNothing() =>
        Json.Equal(Service, StrategicMergePatch.Apply(Json.Parse(Service), null!, ServiceSchema));

    [Fact]
    public void Apply_ArrayPatch_Is400() =>
        Json.Status(Json.Fails(() => Apply("[]")), 400, "BadRequest",
            "json: cannot unmarshal array into Go value of type map[string]interface {}");

    [Fact]
    public void Apply_DoesNotMutateItsInputs()
    {
        var document = Json.Parse(Service);
        var patch = Json.Parse("""{"spec":{"$setElementOrder/ports":[{"port":443},{"port":80}],"ports":[{"port":443}],"selector":{"tier":null}}}""");
        var before = (document.ToJsonString(), patch.ToJsonString());

        var result = StrategicMergePatch.Apply(document, patch, ServiceSchema);

        Json.Equal("""[{"port":443},{"name":"http","port":80,"protocol":"TCP","targetPort":8080}]""", result["spec"]!["ports"]);
        Assert.Equal(before, (document.ToJsonString(), patch.ToJsonString()));
    }
}
