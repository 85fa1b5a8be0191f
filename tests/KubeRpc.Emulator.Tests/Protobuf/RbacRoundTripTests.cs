using KubeRpc.Emulator.Protobuf;
using KubeRpc.Emulator.Protobuf.Wire;

namespace KubeRpc.Emulator.Tests.Protobuf;

/// <summary>RBAC objects and access reviews encoded with the generated messages, decoded to Go-shaped JSON.</summary>
public class RbacRoundTripTests
{
    [Fact]
    public void Decode_ClusterRoleWithRulesAndAggregationRule_WritesGoJson()
    {
        var role = new ClusterRole { Metadata = new ObjectMeta { Name = "reader" }, AggregationRule = new AggregationRule() };
        role.Rules.Add(new PolicyRule { Verbs = { "get" }, ApiGroups = { "" }, Resources = { "services" }, ResourceNames = { "web" } });
        role.Rules.Add(new PolicyRule { Verbs = { "get" }, NonResourceUrls = { "/healthz" } });
        var selector = new LabelSelector { MatchLabels = { ["team"] = "a" } };
        selector.MatchExpressions.Add(new LabelSelectorRequirement { Key = "tier", Operator = "Exists" });
        role.AggregationRule.ClusterRoleSelectors.Add(selector);

        var json = KubeProtobufDecoder.Decode(WireBody.Envelope("rbac.authorization.k8s.io/v1", "ClusterRole", role)).ToJsonString();

        Assert.Equal("""
            {"kind":"ClusterRole","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"reader","creationTimestamp":null},"rules":[{"verbs":["get"],"apiGroups":[""],"resources":["services"],"resourceNames":["web"]},{"verbs":["get"],"nonResourceURLs":["/healthz"]}],"aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"team":"a"},"matchExpressions":[{"key":"tier","operator":"Exists"}]}]}}
            """, json);
    }

    [Fact]
    public void Decode_RoleWithoutRules_RulesNull()
    {
        var json = KubeProtobufDecoder.Decode(WireBody.Envelope("rbac.authorization.k8s.io/v1", "Role",
            new Role { Metadata = new ObjectMeta { Name = "empty", Namespace = "a" } })).ToJsonString();

        Assert.Equal("""{"kind":"Role","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"empty","namespace":"a","creationTimestamp":null},"rules":null}""", json);
    }

    [Fact]
    public void Decode_RoleBindingSubjects_ApiGroupAndNamespaceOmittedWhenEmpty()
    {
        var binding = new RoleBinding { Metadata = new ObjectMeta { Name = "b" }, RoleRef = new RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "r" } };
        binding.Subjects.Add(new Subject { Kind = "User", ApiGroup = "rbac.authorization.k8s.io", Name = "bob" });
        binding.Subjects.Add(new Subject { Kind = "ServiceAccount", Name = "robot", Namespace = "a" });

        var json = KubeProtobufDecoder.Decode(WireBody.Envelope("rbac.authorization.k8s.io/v1", "RoleBinding", binding)).ToJsonString();

        Assert.Equal("""
            {"kind":"RoleBinding","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"b","creationTimestamp":null},"subjects":[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"bob"},{"kind":"ServiceAccount","name":"robot","namespace":"a"}],"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"r"}}
            """, json);
    }

    [Fact]
    public void Decode_SelfSubjectAccessReview_AttributesAndStatusAsKubectlSendsThem()
    {
        var review = new SelfSubjectAccessReview
        {
            Metadata = new ObjectMeta(),
            Spec = new SelfSubjectAccessReviewSpec { ResourceAttributes = new ResourceAttributes { Namespace = "a", Verb = "create", Resource = "services" } },
            Status = new SubjectAccessReviewStatus { Allowed = false },
        };

        var json = KubeProtobufDecoder.Decode(WireBody.Envelope("authorization.k8s.io/v1", "SelfSubjectAccessReview", review)).ToJsonString();

        Assert.Equal("""
            {"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1","metadata":{"creationTimestamp":null},"spec":{"resourceAttributes":{"namespace":"a","verb":"create","resource":"services"}},"status":{"allowed":false}}
            """, json);
    }
}
