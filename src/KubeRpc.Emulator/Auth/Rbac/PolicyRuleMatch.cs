using k8s.Models;
using KubeRpc.Emulator.Http;

namespace KubeRpc.Emulator.Auth.Rbac;

/// <summary>
/// Whether one PolicyRule allows a request, as kube-apiserver's RBAC authorizer decides (<c>RuleAllows</c> over the helpers
/// of pkg/apis/rbac/v1 evaluation_helpers.go). A rule with resourceNames matches only requests that name one of them, so
/// create, list, watch and deletecollection without a name never match it.
/// </summary>
internal static class PolicyRuleMatch
{
    public static bool Allows(RequestAttributes request, V1PolicyRule rule)
    {
        if (!request.IsResourceRequest)
        {
            return VerbMatches(rule, request.Verb) && NonResourceUrlMatches(rule, request.Path);
        }
        var combined = request.Subresource.Length == 0 ? request.Resource : request.Resource + "/" + request.Subresource;
        return VerbMatches(rule, request.Verb)
            && ApiGroupMatches(rule, request.ApiGroup)
            && ResourceMatches(rule, combined, request.Subresource)
            && ResourceNameMatches(rule, request.Name);
    }

    public static bool VerbMatches(V1PolicyRule rule, string verb) =>
        rule.Verbs?.Any(v => v == RbacNames.All || v == verb) == true;

    public static bool ApiGroupMatches(V1PolicyRule rule, string group) =>
        rule.ApiGroups?.Any(g => g == RbacNames.All || g == group) == true;

    /// <summary><c>*</c>, the exact <c>resource[/subresource]</c>, or <c>*/subresource</c> for a request of that subresource.</summary>
    public static bool ResourceMatches(V1PolicyRule rule, string combinedResource, string subresource)
    {
        foreach (var resource in rule.Resources ?? [])
        {
            if (resource == RbacNames.All || resource == combinedResource)
            {
                return true;
            }
            if (subresource.Length > 0 && resource.Length == subresource.Length + 2
                && resource.StartsWith("*/", StringComparison.Ordinal) && resource.EndsWith(subresource, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>No resourceNames matches every name (and no name); otherwise the request's name must be listed.</summary>
    public static bool ResourceNameMatches(V1PolicyRule rule, string name) =>
        rule.ResourceNames is not { Count: > 0 } names || names.Contains(name);

    /// <summary><c>*</c>, the exact path, or a prefix of it ending in <c>*</c>.</summary>
    public static bool NonResourceUrlMatches(V1PolicyRule rule, string path) =>
        rule.NonResourceURLs?.Any(url => url == RbacNames.All || url == path
            || (url.EndsWith('*') && path.StartsWith(url.TrimEnd('*'), StringComparison.Ordinal))) == true;
}
