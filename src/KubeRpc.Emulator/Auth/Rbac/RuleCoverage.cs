using System.Text;
using k8s.Models;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Auth.Rbac;

/// <summary>
/// Whether one set of PolicyRules covers another, and how the uncovered part is described, as the escalation check
/// computes it (component-helpers auth/rbac/validation policy_comparator.go <c>Covers</c> and <c>BreakdownRule</c>;
/// pkg/registry/rbac/validation policy_compact.go <c>CompactRules</c>; pkg/apis/rbac/v1 <c>CompactString</c>).
/// </summary>
internal static class RuleCoverage
{
    /// <summary>The pieces of <paramref name="requested"/> (one verb, resource and name each) no owner rule covers.</summary>
    public static List<V1PolicyRule> Uncovered(IReadOnlyList<V1PolicyRule> owner, IEnumerable<V1PolicyRule> requested) =>
        [.. requested.SelectMany(Breakdown).Where(sub => !owner.Any(o => Covers(o, sub)))];

    /// <summary>A rule as rules of at most one verb, resource and resource name (non-resource URLs: one URL and verb).</summary>
    public static IEnumerable<V1PolicyRule> Breakdown(V1PolicyRule rule)
    {
        foreach (var group in rule.ApiGroups ?? [])
        {
            foreach (var resource in rule.Resources ?? [])
            {
                foreach (var verb in rule.Verbs ?? [])
                {
                    if (rule.ResourceNames is { Count: > 0 } names)
                    {
                        foreach (var name in names)
                        {
                            yield return new V1PolicyRule { ApiGroups = [group], Resources = [resource], Verbs = [verb], ResourceNames = [name] };
                        }
                    }
                    else
                    {
                        yield return new V1PolicyRule { ApiGroups = [group], Resources = [resource], Verbs = [verb] };
                    }
                }
            }
        }
        foreach (var url in rule.NonResourceURLs ?? [])
        {
            foreach (var verb in rule.Verbs ?? [])
            {
                yield return new V1PolicyRule { NonResourceURLs = [url], Verbs = [verb] };
            }
        }
    }

    /// <summary>ruleCovers: whether an owner rule covers a broken-down rule.</summary>
    public static bool Covers(V1PolicyRule owner, V1PolicyRule sub)
    {
        var verbs = Has(owner.Verbs, RbacNames.All) || HasAll(owner.Verbs, sub.Verbs);
        var groups = Has(owner.ApiGroups, RbacNames.All) || HasAll(owner.ApiGroups, sub.ApiGroups);
        var resources = ResourcesCover(owner.Resources, sub.Resources);
        var urls = (sub.NonResourceURLs ?? []).All(path => (owner.NonResourceURLs ?? []).Any(o => UrlCovers(o, path)));
        var names = sub.ResourceNames is not { Count: > 0 }
            ? owner.ResourceNames is not { Count: > 0 }
            : owner.ResourceNames is not { Count: > 0 } || HasAll(owner.ResourceNames, sub.ResourceNames);
        return verbs && groups && resources && urls && names;
    }

    /// <summary>
    /// CompactRules: rules of one API group and resource (at most one name, nothing else) that differ only by verb
    /// become one rule; the order does not matter, callers sort the descriptions.
    /// </summary>
    public static List<V1PolicyRule> Compact(IEnumerable<V1PolicyRule> rules)
    {
        var compacted = new List<V1PolicyRule>();
        var simple = new Dictionary<(string Group, string Resource, string? Name), V1PolicyRule>();
        foreach (var rule in rules)
        {
            if (rule.NonResourceURLs is { Count: > 0 } || rule.ResourceNames is { Count: > 1 }
                || rule.ApiGroups is not { Count: 1 } || rule.Resources is not { Count: 1 })
            {
                compacted.Add(rule);
                continue;
            }
            var key = (rule.ApiGroups[0], rule.Resources[0], rule.ResourceNames is { Count: 1 } n ? n[0] : null);
            if (simple.TryGetValue(key, out var existing))
            {
                existing.Verbs = [.. existing.Verbs ?? [], .. rule.Verbs ?? []];
            }
            else
            {
                simple[key] = new V1PolicyRule { ApiGroups = rule.ApiGroups, Resources = rule.Resources, ResourceNames = rule.ResourceNames, Verbs = [.. rule.Verbs ?? []] };
            }
        }
        compacted.AddRange(simple.Values);
        return compacted;
    }

    /// <summary><c>{APIGroups:[""], Resources:["services"], Verbs:["get" "list"]}</c>: each present list with Go's <c>%q</c>.</summary>
    public static string CompactString(V1PolicyRule rule)
    {
        var parts = new List<string>();
        Add(parts, "APIGroups", rule.ApiGroups);
        Add(parts, "Resources", rule.Resources);
        Add(parts, "NonResourceURLs", rule.NonResourceURLs);
        Add(parts, "ResourceNames", rule.ResourceNames);
        Add(parts, "Verbs", rule.Verbs);
        return "{" + string.Join(", ", parts) + "}";
    }

    /// <summary>Go's <c>%q</c> of a <c>[]string</c>: <c>["a" "b"]</c>.</summary>
    public static string GoQuotedList(IEnumerable<string> values) => new StringBuilder("[")
        .AppendJoin(' ', values.Select(FieldError.Quote)).Append(']').ToString();

    private static void Add(List<string> parts, string name, IList<string>? values)
    {
        if (values is { Count: > 0 })
        {
            parts.Add(name + ":" + GoQuotedList(values));
        }
    }

    /// <summary>resourceCoversAll: <c>*</c>, every resource listed, or a subresource covered by <c>*/subresource</c>.</summary>
    private static bool ResourcesCover(IList<string>? owner, IList<string>? covers)
    {
        if (Has(owner, RbacNames.All) || HasAll(owner, covers))
        {
            return true;
        }
        foreach (var path in covers ?? [])
        {
            if (Has(owner, path))
            {
                continue;
            }
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || !Has(owner, "*/" + path[(slash + 1)..]))
            {
                return false;
            }
        }
        return true;
    }

    private static bool UrlCovers(string owner, string path) =>
        owner == path || (owner.EndsWith('*') && path.StartsWith(owner.TrimEnd('*'), StringComparison.Ordinal));

    private static bool Has(IList<string>? set, string value) => set?.Contains(value) == true;

    private static bool HasAll(IList<string>? set, IList<string>? values) => (values ?? []).All(v => Has(set, v));
}
