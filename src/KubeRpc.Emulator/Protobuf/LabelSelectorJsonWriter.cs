using System.Text.Json.Nodes;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Protobuf;

/// <summary>JSON of the meta/v1 LabelSelector, as Go writes it.</summary>
internal static class LabelSelectorJsonWriter
{
    /// <summary>A selector: both members <c>omitempty</c>, so an empty selector is <c>{}</c>.</summary>
    public static JsonObject LabelSelector(LabelSelector selector)
    {
        var o = new JsonObject();
        GoJson.StringMap(o, "matchLabels", selector.MatchLabels);
        GoJson.Objects(o, "matchExpressions", selector.MatchExpressions, requirement =>
        {
            // key and operator have no omitempty.
            var r = new JsonObject { ["key"] = requirement.Key, ["operator"] = requirement.Operator };
            GoJson.Strings(r, "values", requirement.Values);
            return r;
        });
        return o;
    }
}
