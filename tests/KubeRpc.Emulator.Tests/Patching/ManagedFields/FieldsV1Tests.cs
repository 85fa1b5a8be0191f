using System.Text.Json.Nodes;
using KubeRpc.Emulator.Patching.ManagedFields;

namespace KubeRpc.Emulator.Tests.Patching.ManagedFields;

public class FieldsV1Tests
{
    [Theory]
    [InlineData("""{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:ports":{".":{},"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},"f:port":{}},"k:{\"port\":443,\"protocol\":\"TCP\"}":{}}}}""")]
    [InlineData("""{"f:metadata":{"f:finalizers":{"v:\"a\"":{},"v:\"b\"":{}}},"f:x":{"i:0":{},"i:2":{"f:y":{}}}}""")]
    public void FromFieldsV1_ThenToFieldsV1_RoundTrips(string fields)
    {
        var set = FieldSet.FromFieldsV1(JsonNode.Parse(fields));

        Assert.Equal(fields, Managed.Text(set.ToFieldsV1()));
    }

    [Fact]
    public void ToFieldsV1_SortsFieldsBeforeKeysAndKeysByValue()
    {
        var ports = PathElement.Field("ports");
        var set = FieldSet.Of(
            [ports, Key(443)],
            [ports, Key(80)],
            [ports, Key(80), PathElement.Field("port")],
            [PathElement.Field("a")]);

        Assert.Equal("""{"f:a":{},"f:ports":{"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},"f:port":{}},"k:{\"port\":443,\"protocol\":\"TCP\"}":{}}}""",
            Managed.Text(set.ToFieldsV1()));
    }

    [Fact]
    public void PathElement_KeyAndValue_EncodeLikeGo()
    {
        Assert.Equal("""k:{"name":"a\u003cb","port":8080}""",
            PathElement.KeyOf([new("port", JsonValue.Create(8080)), new("name", JsonValue.Create("a<b"))]).Serialize());
        Assert.Equal("[name=\"a<b\",port=8080]",
            PathElement.KeyOf([new("port", JsonValue.Create(8080)), new("name", JsonValue.Create("a<b"))]).ToString());
        Assert.Equal("v:1.5", PathElement.ValueOf(JsonValue.Create(1.5)).Serialize());
        Assert.Equal("[=\"x\"]", PathElement.ValueOf(JsonValue.Create("x")).ToString());
    }

    [Theory]
    [InlineData("1e21", "v:1e+21")]
    [InlineData("1.5e-7", "v:1.5e-7")]
    [InlineData("0.000001", "v:0.000001")]
    [InlineData("1e20", "v:100000000000000000000")]
    [InlineData("-123.25", "v:-123.25")]
    [InlineData("\"a&b\\u2028\"", "v:\"a\\u0026b\\u2028\"")]
    public void PathElement_Value_EncodesNumbersAndStringsAsGoJson(string json, string expected) =>
        Assert.Equal(expected, PathElement.ValueOf(JsonNode.Parse(json)).Serialize());

    [Fact]
    public void FromFieldsV1_UnknownElementType_IsDropped() =>
        Assert.Equal("""{"f:a":{}}""", Managed.Text(FieldSet.FromFieldsV1(JsonNode.Parse("""{"f:a":{},"r:b":{}}""")).ToFieldsV1()));

    [Fact]
    public void RecursiveDifference_RemovesMembersAndEverythingBelowThem()
    {
        var set = FieldSet.FromFieldsV1(JsonNode.Parse("""{"f:spec":{"f:a":{}},"f:status":{"f:b":{},"f:c":{"f:d":{}}}}"""));

        var rest = set.RecursiveDifference(FieldSet.Of([PathElement.Field("status")]));

        Assert.Equal("""{"f:spec":{"f:a":{}}}""", Managed.Text(rest.ToFieldsV1()));
    }

    private static PathElement Key(int port) =>
        PathElement.KeyOf([new("protocol", JsonValue.Create("TCP")), new("port", JsonValue.Create(port))]);
}
