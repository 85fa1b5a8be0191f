using System.Text.Json.Nodes;
using KubeRpc.Emulator.Patching;

namespace KubeRpc.Emulator.Tests.Patching;

public class JsonPatchTests
{
    private static JsonNode Apply(string document, string patch) => JsonPatch.Apply(Json.Parse(document), Json.Parse(patch));

    // RFC 6902 appendix A examples.
    [Theory]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"baz":"qux","foo":"bar"}""")]
    [InlineData("""{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    [InlineData("""{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""")]
    [InlineData("""{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""")]
    [InlineData("""{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""",
        """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""",
        """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    [InlineData("""{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""",
        """{"foo":["all","cows","eat","grass"]}""")]
    [InlineData("""{"baz":"qux","foo":["a",2,"c"]}""", """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""",
        """{"baz":"qux","foo":["a",2,"c"]}""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grandchild":{}}}]""", """{"foo":"bar","child":{"grandchild":{}}}""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux","xyz":123}]""", """{"foo":"bar","baz":"qux"}""")]
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":10}]""", """{"/":9,"~1":10}""")]
    [InlineData("""{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":["abc","def"]}]""", """{"foo":["bar",["abc","def"]]}""")]
    [InlineData("""{"a":{"b":1}}""", """[{"op":"copy","from":"/a","path":"/c"}]""", """{"a":{"b":1},"c":{"b":1}}""")]
    public void Apply_Rfc6902Examples_ProduceTheRfcResult(string document, string patch, string expected) =>
        Json.Equal(expected, Apply(document, patch));

    [Theory]
    [InlineData("""{"baz":"qux"}""", """[{"op":"test","path":"/baz","value":"bar"}]""")]
    [InlineData("""{"foo":"bar"}""", """[{"op":"add","path":"/baz/bat","value":"qux"}]""")]
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":"10"}]""")]
    [InlineData("""{"a":1}""", """[{"op":"remove","path":"/b"}]""")]
    [InlineData("""{"a":[1]}""", """[{"op":"replace","path":"/a/1","value":2}]""")]
    [InlineData("""{"a":[1]}""", """[{"op":"add","path":"/a/2","value":2}]""")]
    [InlineData("""{"a":[1]}""", """[{"op":"add","path":"/a/x","value":2}]""")]
    [InlineData("""{"a":1}""", """[{"op":"move","from":"/b","path":"/c"}]""")]
    [InlineData("""{"a":1}""", """[{"op":"frobnicate","path":"/a"}]""")]
    [InlineData("""{"a":1}""", """[{"path":"/a"}]""")]
    [InlineData("""{"a":1}""", """[{"op":"add","value":1}]""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"a","value":1}]""")]
    [InlineData("""{"a":1}""", """[{"op":"test","path":"/a","value":1.0}]""")]
    [InlineData("""{"a":{"b":1}}""", """[{"op":"test","path":"/a","value":{"b":1,"c":2}}]""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/b","value":1},{"op":"test","path":"/a","value":2}]""")]
    public void Apply_FailingOperation_Is422WithTheGenericMessage(string document, string patch)
    {
        var ex = Json.Fails(() => Apply(document, patch));
        Json.Status(ex, 422, "Invalid", "the server rejected our request due to an error in our request");
        Assert.NotNull(ex.Details);
        Assert.Null(ex.Details!.Causes);
    }

    [Fact]
    public void Apply_ReplaceOfMissingMember_AddsItLikeTheV4Library() =>
        Json.Equal("""{"a":1,"b":2}""", Apply("""{"a":1}""", """[{"op":"replace","path":"/b","value":2}]"""));

    [Fact]
    public void Apply_CopyFromMissingMember_CopiesNull() =>
        Json.Equal("""{"a":1,"c":null}""", Apply("""{"a":1}""", """[{"op":"copy","from":"/b","path":"/c"}]"""));

    [Theory]
    [InlineData("""[{"op":"test","path":"/missing","value":null}]""")]
    [InlineData("""[{"op":"test","path":"/n","value":null}]""")]
    public void Apply_TestMissingOrNullAgainstNull_Passes(string patch) =>
        Json.Equal("""{"n":null}""", Apply("""{"n":null}""", patch));

    [Theory]
    [InlineData("""[{"op":"add","path":"/a/-1","value":9}]""", """{"a":[1,2,9]}""")]
    [InlineData("""[{"op":"remove","path":"/a/-1"}]""", """{"a":[1]}""")]
    [InlineData("""[{"op":"replace","path":"/a/-2","value":9}]""", """{"a":[9,2]}""")]
    [InlineData("""[{"op":"add","path":"/a/01","value":9}]""", """{"a":[1,9,2]}""")]
    [InlineData("""[{"op":"add","path":"/a/2","value":9}]""", """{"a":[1,2,9]}""")]
    public void Apply_ArrayIndices_FollowStrconvAtoiAndNegativeIndices(string patch, string expected) =>
        Json.Equal(expected, Apply("""{"a":[1,2]}""", patch));

    [Fact]
    public void Apply_ReplaceRootWithObject_ReplacesTheDocument() =>
        Json.Equal("""{"x":1}""", Apply("""{"a":1}""", """[{"op":"replace","path":"","value":{"x":1}}]"""));

    [Fact]
    public void Apply_ReplaceRootWithScalar_IsASilentNoOp() =>
        Json.Equal("""{"a":1}""", Apply("""{"a":1}""", """[{"op":"replace","path":"","value":5}]"""));

    [Fact]
    public void Apply_KubectlStyleLabelPatch_AddsEscapedKey() =>
        Json.Equal("""{"metadata":{"labels":{"app":"web","example.com/tier":"fe"}}}""",
            Apply("""{"metadata":{"labels":{"app":"web"}}}""",
                """[{"op":"add","path":"/metadata/labels/example.com~1tier","value":"fe"}]"""));

    [Fact]
    public void Apply_MoreThan10000Operations_Is413()
    {
        var ops = new JsonArray();
        for (var i = 0; i < 10001; i++)
        {
            ops.Add(new JsonObject { ["op"] = "test", ["path"] = "/a", ["value"] = 1 });
        }

        var ex = Json.Fails(() => JsonPatch.Apply(Json.Parse("""{"a":1}"""), ops));
        Json.Status(ex, 413, "RequestEntityTooLarge",
            "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001");
    }

    [Fact]
    public void Apply_Exactly10000Operations_IsAccepted()
    {
        var ops = new JsonArray();
        for (var i = 0; i < 10000; i++)
        {
            ops.Add(new JsonObject { ["op"] = "test", ["path"] = "/a", ["value"] = 1 });
        }

        Json.Equal("""{"a":1}""", JsonPatch.Apply(Json.Parse("""{"a":1}"""), ops));
    }

    [Theory]
    [InlineData("""{"op":"add"}""", "error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp")]
    [InlineData("""[1]""", "error decoding patch: json: cannot unmarshal number into Go value of type handlers.jsonPatchOp")]
    [InlineData("""[{"op":true,"path":"/a"}]""", "error decoding patch: json: cannot unmarshal bool into Go struct field jsonPatchOp.op of type string")]
    public void Apply_PatchOfWrongShape_Is400(string patch, string message) =>
        Json.Status(Json.Fails(() => Apply("""{"a":1}""", patch)), 400, "BadRequest", message);

    [Fact]
    public void Apply_DoesNotMutateItsInputs()
    {
        var document = Json.Parse("""{"a":[1,2],"b":{"c":1}}""");
        var patch = Json.Parse("""[{"op":"remove","path":"/a/0"},{"op":"move","from":"/b","path":"/d"}]""");
        var before = (document.ToJsonString(), patch.ToJsonString());

        Json.Equal("""{"a":[2],"d":{"c":1}}""", JsonPatch.Apply(document, patch));
        Assert.Equal(before, (document.ToJsonString(), patch.ToJsonString()));
    }
}
