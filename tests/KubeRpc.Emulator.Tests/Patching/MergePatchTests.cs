using KubeRpc.Emulator.Patching;

namespace KubeRpc.Emulator.Tests.Patching;

public class MergePatchTests
{
    // RFC 7386 appendix A (the two cases with a non-structured patch are 400 in kube-apiserver, see below).
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Apply_Rfc7386Examples_ProduceTheRfcResult(string document, string patch, string expected) =>
        Json.Equal(expected, MergePatch.Apply(Json.Parse(document), Json.Parse(patch)));

    [Theory]
    [InlineData("\"bar\"")]
    [InlineData("5")]
    public void Apply_ScalarPatch_Is400InvalidJsonPatch(string patch) =>
        Json.Status(Json.Fails(() => MergePatch.Apply(Json.Parse("""{"a":"foo"}"""), Json.Parse(patch))),
            400, "BadRequest", "Invalid JSON Patch");

    [Fact]
    public void Apply_NullPatch_Is400InvalidJsonPatch() =>
        Json.Status(Json.Fails(() => MergePatch.Apply(Json.Parse("""{"a":"foo"}"""), null!)), 400, "BadRequest", "Invalid JSON Patch");

    [Fact]
    public void Apply_NewValue_LosesNullMembersButKeepsNullArrayElements() =>
        Json.Equal("""{"a":[null,{"c":1}]}""", MergePatch.Apply(Json.Parse("{}"), Json.Parse("""{"a":[null,{"b":null,"c":1}]}""")));

    [Fact]
    public void Apply_ArrayOverObject_IsTakenUnpruned() =>
        Json.Equal("""{"a":[{"b":null}]}""", MergePatch.Apply(Json.Parse("""{"a":{"x":1}}"""), Json.Parse("""{"a":[{"b":null}]}""")));

    [Fact]
    public void Apply_NullTargetMember_IsReplacedByPrunedPatchValue() =>
        Json.Equal("""{"a":{"c":1}}""", MergePatch.Apply(Json.Parse("""{"a":null}"""), Json.Parse("""{"a":{"b":null,"c":1}}""")));

    [Fact]
    public void Apply_KubectlLabelPatch_MergesLabelsAndRemovesNull() =>
        Json.Equal("""{"metadata":{"name":"web","labels":{"app":"web","tier":"fe"}}}""",
            MergePatch.Apply(Json.Parse("""{"metadata":{"name":"web","labels":{"app":"web","old":"x"}}}"""),
                Json.Parse("""{"metadata":{"labels":{"old":null,"tier":"fe"}}}""")));

    [Fact]
    public void Apply_DoesNotMutateItsInputs()
    {
        var document = Json.Parse("""{"a":{"b":1,"c":2}}""");
        var patch = Json.Parse("""{"a":{"b":null,"d":{"e":null}}}""");
        var before = (document.ToJsonString(), patch.ToJsonString());

        Json.Equal("""{"a":{"c":2,"d":{}}}""", MergePatch.Apply(document, patch));
        Assert.Equal(before, (document.ToJsonString(), patch.ToJsonString()));
    }
}
