using System.Text.Json.Nodes;
using KubeRpc.Emulator.Api;

namespace KubeRpc.Emulator.Tests.Patching;

/// <summary>Helpers shared by the patching tests.</summary>
internal static class Json
{
    public static JsonNode Parse(string json) => JsonNode.Parse(json)!;

    /// <summary>Structural equality: object members in any order, array elements in order.</summary>
    public static void Equal(string expected, JsonNode? actual)
    {
        var want = JsonNode.Parse(expected);
        Assert.True(JsonNode.DeepEquals(want, actual), $"expected {want?.ToJsonString()}\n  actual {actual?.ToJsonString()}");
    }

    public static ApiException Fails(Action action) => Assert.Throws<ApiException>(action);

    public static void Status(ApiException ex, int code, string reason, string message)
    {
        Assert.Equal(message, ex.Message);
        Assert.Equal(code, ex.Code);
        Assert.Equal(reason, ex.Reason);
    }
}
