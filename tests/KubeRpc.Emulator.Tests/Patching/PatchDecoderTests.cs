using System.Text;
using System.Text.Json.Nodes;
using KubeRpc.Emulator.Api;
using KubeRpc.Emulator.Patching;

namespace KubeRpc.Emulator.Tests.Patching;

public class PatchDecoderTests
{
    private static JsonNode? Decode(string body, string type, string? fieldValidation = null) =>
        PatchDecoder.Decode(Encoding.UTF8.GetBytes(body), type, fieldValidation);

    private static void BadRequest(string body, string type, string message, string? fieldValidation = null) =>
        Json.Status(Json.Fails(() => Decode(body, type, fieldValidation)), 400, "BadRequest", message);

    [Theory]
    [InlineData("{", "unexpected end of JSON input")]
    [InlineData("""{"a":}""", "invalid character '}' looking for beginning of value")]
    [InlineData("[]", "json: cannot unmarshal array into Go value of type map[string]interface {}")]
    [InlineData("\"x\"", "json: cannot unmarshal string into Go value of type map[string]interface {}")]
    [InlineData("5", "json: cannot unmarshal number into Go value of type map[string]interface {}")]
    public void Decode_StrategicMergePatchThatDoesNotDecode_Is400WithoutPrefix(string body, string message) =>
        BadRequest(body, PatchDecoder.StrategicMergePatchType, message);

    [Theory]
    [InlineData("""{"op":"add"}""", "error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp")]
    [InlineData("""[{"op":1}]""", "error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.op of type string")]
    [InlineData("""[{"op":"add","path":{}}]""", "error decoding patch: json: cannot unmarshal object into Go struct field jsonPatchOp.path of type string")]
    [InlineData("""[{"op":"copy","from":["a"]}]""", "error decoding patch: json: cannot unmarshal array into Go struct field jsonPatchOp.from of type string")]
    [InlineData("""["x"]""", "error decoding patch: json: cannot unmarshal string into Go value of type handlers.jsonPatchOp")]
    [InlineData("[", "error decoding patch: unexpected end of JSON input")]
    public void Decode_JsonPatchThatDoesNotDecode_Is400WithPrefix(string body, string message) =>
        BadRequest(body, PatchDecoder.JsonPatchType, message);

    [Theory]
    [InlineData("""{"op":"add"}""", "json: cannot unmarshal object into Go value of type jsonpatch.Patch")]
    [InlineData("""[1]""", "json: cannot unmarshal number into Go value of type jsonpatch.Operation")]
    [InlineData("x", "invalid character 'x' looking for beginning of value")]
    public void Decode_JsonPatchWithFieldValidationIgnore_UsesTheLibraryDecode(string body, string message) =>
        BadRequest(body, PatchDecoder.JsonPatchType, message, "Ignore");

    [Fact]
    public void Decode_JsonPatchWithFieldValidationIgnore_AcceptsOpOfWrongTypeForTheApplyToReject()
    {
        var patch = Decode("""[{"op":1,"path":"/a"}]""", PatchDecoder.JsonPatchType, "Ignore")!;

        Json.Status(Json.Fails(() => JsonPatch.Apply(Json.Parse("{}"), patch)), 400, "BadRequest",
            "error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.op of type string");
    }

    [Theory]
    [InlineData("x", "error decoding patch: invalid character 'x' looking for beginning of value")]
    [InlineData("[1]", "error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}")]
    [InlineData("null", "Invalid JSON Patch")]
    public void Decode_MergePatchThatDoesNotDecode_Is400(string body, string message) =>
        BadRequest(body, PatchDecoder.MergePatchType, message, "Strict");

    [Theory]
    [InlineData("x")]
    [InlineData("\"s\"")]
    [InlineData("null")]
    public void Decode_MergePatchWithFieldValidationIgnore_Is400InvalidJsonPatch(string body) =>
        BadRequest(body, PatchDecoder.MergePatchType, "Invalid JSON Patch", "Ignore");

    [Fact]
    public void Decode_MergePatchArrayWithFieldValidationIgnore_PassesThrough() =>
        Json.Equal("[1]", Decode("[1]", PatchDecoder.MergePatchType, "Ignore"));

    [Fact]
    public void Decode_DuplicateKeys_KeepTheLastValue() =>
        Json.Equal("""{"a":2,"b":{"c":2}}""", Decode("""{"a":1,"b":{"c":1},"a":2,"b":{"c":2}}""", PatchDecoder.StrategicMergePatchType));

    [Fact]
    public void Decode_Numbers_KeepTheirText() =>
        Assert.Equal("""{"a":1.0,"b":80,"c":1e3}""", Decode("""{"a":1.0,"b":80,"c":1e3}""", PatchDecoder.MergePatchType)!.ToJsonString());

    [Fact]
    public void Decode_NestingUpToTheBound_IsAcceptedAndDeeperRefused()
    {
        static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

        Assert.NotNull(Decode(Nested(48), PatchDecoder.StrategicMergePatchType));
        var e = Assert.Throws<ApiException>(() => Decode(Nested(49), PatchDecoder.StrategicMergePatchType));
        Assert.Equal("invalid character '{' exceeded max depth", e.Message);
    }

    [Fact]
    public void Decode_NullBodies_AreNullForJsonAndStrategicPatches()
    {
        Assert.Null(Decode("null", PatchDecoder.JsonPatchType));
        Assert.Null(Decode(" null ", PatchDecoder.StrategicMergePatchType));
    }

    [Fact]
    public void Decode_UnknownType_Throws() =>
        Assert.Throws<ArgumentException>(() => Decode("{}", "application/apply-patch+yaml"));
}
