using System.Text.Json.Nodes;
using Google.Protobuf.Collections;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Protobuf;

/// <summary>JSON of the rbac/v1 Role, ClusterRole, RoleBinding and ClusterRoleBinding, as Go writes them.</summary>
internal static class RbacJsonWriter
{
    /// <summary>A Role; <c>rules</c> has no omitempty, so no rules is <c>null</c>.</summary>
    public static void Role(JsonObject o, Role role)
    {
        o["metadata"] = MetaJsonWriter.ObjectMeta(role.Metadata);
        o["rules"] = Rules(role.Rules);
    }

    /// <summary>A ClusterRole: rules as a Role's, then the aggregationRule when set.</summary>
    public static void ClusterRole(JsonObject o, ClusterRole role)
    {
        o["metadata"] = MetaJsonWriter.ObjectMeta(role.Metadata);
        o["rules"] = Rules(role.Rules);
        if (role.AggregationRule is { } aggregation)
        {
            var a = new JsonObject();
            GoJson.Objects(a, "clusterRoleSelectors", aggregation.ClusterRoleSelectors, MetaJsonWriter.LabelSelector);
            o["aggregationRule"] = a;
        }
    }

    /// <summary>A RoleBinding; <c>roleRef</c> is a struct whose fields have no omitempty.</summary>
    public static void RoleBinding(JsonObject o, RoleBinding binding) =>
        Binding(o, binding.Metadata, binding.Subjects, binding.RoleRef);

    /// <summary>A ClusterRoleBinding, written as a RoleBinding.</summary>
    public static void ClusterRoleBinding(JsonObject o, ClusterRoleBinding binding) =>
        Binding(o, binding.Metadata, binding.Subjects, binding.RoleRef);

    private static void Binding(JsonObject o, ObjectMeta? metadata, RepeatedField<Subject> subjects, RoleRef? roleRef)
    {
        o["metadata"] = MetaJsonWriter.ObjectMeta(metadata);
        GoJson.Objects(o, "subjects", subjects, subject =>
        {
            var s = new JsonObject { ["kind"] = subject.Kind };
            GoJson.String(s, "apiGroup", subject.ApiGroup);
            s["name"] = subject.Name;
            GoJson.String(s, "namespace", subject.Namespace);
            return s;
        });
        o["roleRef"] = new JsonObject
        {
            ["apiGroup"] = roleRef?.ApiGroup ?? "",
            ["kind"] = roleRef?.Kind ?? "",
            ["name"] = roleRef?.Name ?? "",
        };
    }

    private static JsonArray? Rules(RepeatedField<PolicyRule> rules) => rules.Count == 0 ? null : new JsonArray([.. rules.Select(rule =>
    {
        // verbs has no omitempty: a rule without verbs says null.
        var r = new JsonObject { ["verbs"] = rule.Verbs.Count == 0 ? null : new JsonArray([.. rule.Verbs.Select(v => (JsonNode?)v)]) };
        GoJson.Strings(r, "apiGroups", rule.ApiGroups);
        GoJson.Strings(r, "resources", rule.Resources);
        GoJson.Strings(r, "resourceNames", rule.ResourceNames);
        GoJson.Strings(r, "nonResourceURLs", rule.NonResourceUrls);
        return (JsonNode?)r;
    })]);
}
