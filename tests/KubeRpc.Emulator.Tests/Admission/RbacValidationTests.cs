using k8s.Models;
using KubeRpc.Emulator.Admission.Rbac;
using KubeRpc.Machinery.Validation;

namespace KubeRpc.Emulator.Tests.Admission;

/// <summary>pkg/apis/rbac/validation's errors, one row per rule, worded as kube-apiserver words them.</summary>
public sealed class RbacValidationTests
{
    private const string Rbac = "rbac.authorization.k8s.io";

    private static readonly Dictionary<string, (Func<List<FieldError>> Validate, string[] Expected)> Cases = new()
    {
        ["role: empty rule"] = (() => RbacValidator.ValidateRole(Role(new V1PolicyRule())),
        [
            "rules[0].verbs: Required value: verbs must contain at least one value",
            "rules[0].apiGroups: Required value: resource rules must supply at least one api group",
            "rules[0].resources: Required value: resource rules must supply at least one resource",
        ]),
        ["role: non-resource URLs"] = (() => RbacValidator.ValidateRole(Role(new V1PolicyRule { Verbs = ["get"], NonResourceURLs = ["/healthz"] })),
            ["rules[0].nonResourceURLs: Invalid value: []string{\"/healthz\"}: namespaced rules cannot apply to non-resource URLs"]),
        ["clusterrole: URLs and resources"] = (() => RbacValidator.ValidateClusterRole(ClusterRole(
                new V1PolicyRule { Verbs = ["get"], NonResourceURLs = ["/healthz"], Resources = ["services"] })),
            ["rules[0].nonResourceURLs: Invalid value: []string{\"/healthz\"}: rules cannot apply to both regular resources and non-resource URLs"]),
        ["name: path segment"] = (() => RbacValidator.ValidateClusterRole(new V1ClusterRole { Metadata = new V1ObjectMeta { Name = "a/b" } }),
            ["metadata.name: Invalid value: \"a/b\": may not contain '/'"]),
        ["aggregation: no selectors"] = (() => RbacValidator.ValidateClusterRole(Aggregating()),
            ["aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil"]),
        ["aggregation: bad operator"] = (() => RbacValidator.ValidateClusterRole(Aggregating(new V1LabelSelector
            {
                MatchExpressions = [new V1LabelSelectorRequirement { Key = "team", OperatorProperty = "Near" }],
            })),
        [
            "aggregationRule.clusterRoleSelectors[0].matchExpressions[0].operator: Invalid value: \"Near\": not a valid selector operator",
            "aggregationRule.clusterRoleSelectors[0]: Invalid value: null: invalid label selector.",
        ]),
        ["binding: roleRef"] = (() => RbacValidator.ValidateRoleBinding(Binding(new V1RoleRef { ApiGroup = "x", Kind = "Policy" })),
        [
            "roleRef.apiGroup: Unsupported value: \"x\": supported values: \"rbac.authorization.k8s.io\"",
            "roleRef.kind: Unsupported value: \"Policy\": supported values: \"Role\", \"ClusterRole\"",
            "roleRef.name: Required value",
        ]),
        ["binding: subjects"] = (() => RbacValidator.ValidateRoleBinding(Binding(new V1RoleRef { ApiGroup = Rbac, Kind = "Role", Name = "r" },
            new Rbacv1Subject { Kind = "User", Name = "bob" },
            new Rbacv1Subject { Kind = "ServiceAccount", Name = "Robot", ApiGroup = Rbac },
            new Rbacv1Subject { Kind = "Group" })),
        [
            "subjects[0].apiGroup: Unsupported value: \"\": supported values: \"rbac.authorization.k8s.io\"",
            "subjects[1].name: Invalid value: \"Robot\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', " +
            "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is " +
            "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            "subjects[1].apiGroup: Unsupported value: \"rbac.authorization.k8s.io\": supported values: \"\"",
            "subjects[2].name: Required value",
            "subjects[2].apiGroup: Unsupported value: \"\": supported values: \"rbac.authorization.k8s.io\"",
        ]),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Validate_Case_ErrorsAsKubeApiserver(string name)
    {
        var (validate, expected) = Cases[name];

        var errors = validate().Select(e => e.ToString());

        Assert.Equal(expected, errors);
    }

    [Fact]
    public void ValidateClusterRoleUpdate_OldSelectorValueAlreadyInvalid_Tolerated()
    {
        var selector = new V1LabelSelector { MatchExpressions = [new V1LabelSelectorRequirement { Key = "team", OperatorProperty = "In", Values = ["a b"] }] };
        var old = Aggregating(selector);

        var created = RbacValidator.ValidateClusterRole(Aggregating(selector)).Select(e => e.ToString()).ToList();
        var updated = RbacValidator.ValidateClusterRoleUpdate(Aggregating(selector), old);

        // The value still makes the selector unusable, which is reported either way.
        Assert.Equal(2, created.Count);
        Assert.StartsWith("aggregationRule.clusterRoleSelectors[0].matchExpressions[0].values[0]: Invalid value: \"a b\"", created[0], StringComparison.Ordinal);
        Assert.Equal(["aggregationRule.clusterRoleSelectors[0]: Invalid value: null: invalid label selector."], updated.Select(e => e.ToString()));
    }

    private static V1Role Role(V1PolicyRule rule) => new() { Metadata = new V1ObjectMeta { Name = "r", NamespaceProperty = "a" }, Rules = [rule] };

    private static V1ClusterRole ClusterRole(V1PolicyRule rule) => new() { Metadata = new V1ObjectMeta { Name = "r" }, Rules = [rule] };

    private static V1ClusterRole Aggregating(params V1LabelSelector[] selectors) => new()
    {
        Metadata = new V1ObjectMeta { Name = "r" },
        AggregationRule = new V1AggregationRule { ClusterRoleSelectors = selectors },
    };

    private static V1RoleBinding Binding(V1RoleRef roleRef, params Rbacv1Subject[] subjects) => new()
    {
        Metadata = new V1ObjectMeta { Name = "b", NamespaceProperty = "a" },
        RoleRef = roleRef,
        Subjects = subjects,
    };
}
