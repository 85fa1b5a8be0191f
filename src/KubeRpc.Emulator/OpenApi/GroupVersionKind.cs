using System.Text.Json.Nodes;

namespace KubeRpc.Emulator.OpenApi;

/// <summary>A group, version and kind, as OpenAPI's <c>x-kubernetes-group-version-kind</c> names one.</summary>
internal readonly record struct GroupVersionKind(string Group, string Version, string Kind)
{
    /// <summary><c>{"group":"","kind":"Service","version":"v1"}</c>; key order as kube-apiserver writes it.</summary>
    public JsonObject ToJson() => new() { ["group"] = Group, ["kind"] = Kind, ["version"] = Version };
}
