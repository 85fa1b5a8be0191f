using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace KubeRpc.Emulator.Controllers;

/// <summary>
/// The rules kube-controller-manager's clusterroleaggregation controller gives a ClusterRole with an aggregationRule:
/// for each selector in turn, the rules of every other ClusterRole it matches, roles taken in name order, each rule
/// once (pkg/controller/clusterroleaggregation <c>syncClusterRole</c>).
/// </summary>
internal static class ClusterRoleAggregation
{
    /// <summary>The aggregated rules, or null when a selector is invalid (the controller then leaves the role alone).</summary>
    public static List<V1PolicyRule>? Rules(V1ClusterRole target, IReadOnlyCollection<V1ClusterRole> all)
    {
        var rules = new List<V1PolicyRule>();
        var seen = new List<JsonNode>();
        foreach (var selector in target.AggregationRule?.ClusterRoleSelectors ?? [])
        {
            if (!IsValid(selector))
            {
                return null;
            }
            foreach (var role in all.Where(r => Matches(selector, r.Metadata.Labels)).OrderBy(r => r.Metadata.Name, StringComparer.Ordinal))
            {
                if (role.Metadata.Name == target.Metadata.Name)
                {
                    continue;
                }
                foreach (var rule in role.Rules ?? [])
                {
                    var node = Normalized(rule);
                    if (!seen.Any(s => JsonNode.DeepEquals(s, node)))
                    {
                        seen.Add(node);
                        rules.Add(rule);
                    }
                }
            }
        }
        return rules;
    }

    /// <summary>Semantic equality of rule lists, empty and absent lists alike.</summary>
    public static bool SameRules(IList<V1PolicyRule>? a, IList<V1PolicyRule>? b)
    {
        var left = a ?? [];
        var right = b ?? [];
        return left.Count == right.Count && left.Zip(right).All(p => JsonNode.DeepEquals(Normalized(p.First), Normalized(p.Second)));
    }

    /// <summary>metav1.LabelSelectorAsSelector's match: every matchLabel, and every expression (In, NotIn, Exists, DoesNotExist).</summary>
    public static bool Matches(V1LabelSelector selector, IDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }
        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var has = labels.TryGetValue(expression.Key ?? "", out var actual);
            var values = expression.Values ?? [];
            var ok = expression.OperatorProperty switch
            {
                "In" => has && values.Contains(actual!),
                "NotIn" => !has || !values.Contains(actual!),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsValid(V1LabelSelector selector) =>
        selector.MatchExpressions?.All(e => e.OperatorProperty is "In" or "NotIn" or "Exists" or "DoesNotExist") ?? true;

    /// <summary>A rule as JSON with empty lists dropped, so that nil and empty compare equal as in Go's semantic equality.</summary>
    private static JsonNode Normalized(V1PolicyRule rule)
    {
        var node = JsonNode.Parse(KubernetesJson.Serialize(rule))!.AsObject();
        foreach (var empty in node.Where(p => p.Value is JsonArray { Count: 0 }).Select(p => p.Key).ToList())
        {
            node.Remove(empty);
        }
        return node;
    }
}
