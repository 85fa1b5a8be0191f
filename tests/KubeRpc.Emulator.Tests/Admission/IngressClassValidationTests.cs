using k8s.Models;
using KubeRpc.Emulator.Admission.IngressClasses;
using static KubeRpc.Emulator.Tests.Admission.NetworkingStrategyHarness;

namespace KubeRpc.Emulator.Tests.Admission;

public class IngressClassValidationTests
{
    private const string Dns1123Label = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
        + "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    private static readonly Dictionary<string, (Action<V1IngressClass> Mutate, string Field, string Reason, string Message)> Cases = new()
    {
        ["controller missing"] = (c => c.Spec.Controller = null, "spec.controller", "FieldValueRequired", "Required value"),
        ["controller longer than 250 bytes"] = (c => c.Spec.Controller = "example.com/" + new string('a', 239),
            "spec.controller", "FieldValueTooLong", "Too long: may not be more than 250 bytes"),
        ["controller without domain"] = (c => c.Spec.Controller = "nginx",
            "spec.controller", "FieldValueInvalid", "Invalid value: \"nginx\": must be a domain-prefixed path (such as \"acme.io/foo\")"),
        ["controller with empty path"] = (c => c.Spec.Controller = "example.com/",
            "spec.controller", "FieldValueInvalid", "Invalid value: \"example.com/\": must be a domain-prefixed path (such as \"acme.io/foo\")"),
        ["controller domain not a DNS subdomain"] = (c => c.Spec.Controller = "Example.com/nginx",
            "spec.controller", "FieldValueInvalid", "Invalid value: \"Example.com\": " + IngressValidationCases.Subdomain),
        ["controller path with a space"] = (c => c.Spec.Controller = "example.com/a b",
            "spec.controller", "FieldValueInvalid", "Invalid value: \"a b\": Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')"),
        ["parameters without kind"] = (c => c.Spec.Parameters = new V1IngressClassParametersReference { Name = "lb" },
            "spec.parameters.kind", "FieldValueRequired", "Required value: kind is required"),
        ["parameters without name"] = (c => c.Spec.Parameters = new V1IngressClassParametersReference { Kind = "Params" },
            "spec.parameters.name", "FieldValueRequired", "Required value: name is required"),
        ["parameters name with a slash"] = (c => c.Spec.Parameters = new V1IngressClassParametersReference { Kind = "Params", Name = "a/b" },
            "spec.parameters.name", "FieldValueInvalid", "Invalid value: \"a/b\": may not contain '/'"),
        ["parameters kind is ."] = (c => c.Spec.Parameters = new V1IngressClassParametersReference { Kind = ".", Name = "lb" },
            "spec.parameters.kind", "FieldValueInvalid", "Invalid value: \".\": may not be '.'"),
        ["parameters apiGroup not a DNS subdomain"] = (c => c.Spec.Parameters = new V1IngressClassParametersReference { ApiGroup = "K8s.Example.com", Kind = "Params", Name = "lb" },
            "spec.parameters.apiGroup", "FieldValueInvalid", "Invalid value: \"K8s.Example.com\": " + IngressValidationCases.Subdomain),
        ["parameters scope unsupported"] = (c => c.Spec.Parameters = new V1IngressClassParametersReference { Kind = "Params", Name = "lb", Scope = "Global" },
            "spec.parameters.scope", "FieldValueNotSupported", "Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespace\""),
        ["Namespace scope without namespace"] = (c => c.Spec.Parameters = new V1IngressClassParametersReference { Kind = "Params", Name = "lb", Scope = "Namespace" },
            "spec.parameters.namespace", "FieldValueRequired", "Required value: `parameters.scope` is set to 'Namespace'"),
        ["Namespace scope with invalid namespace"] = (c => c.Spec.Parameters = new V1IngressClassParametersReference { Kind = "Params", Name = "lb", Scope = "Namespace", NamespaceProperty = "Bad_NS" },
            "spec.parameters.namespace", "FieldValueInvalid", "Invalid value: \"Bad_NS\": " + Dns1123Label),
        ["Cluster scope with namespace"] = (c => c.Spec.Parameters = new V1IngressClassParametersReference { Kind = "Params", Name = "lb", Scope = "Cluster", NamespaceProperty = "ingress" },
            "spec.parameters.namespace", "FieldValueForbidden", "Forbidden: `parameters.scope` is set to 'Cluster'"),
        ["defaulted Cluster scope with namespace"] = (c => c.Spec.Parameters = new V1IngressClassParametersReference { Kind = "Params", Name = "lb", NamespaceProperty = "ingress" },
            "spec.parameters.namespace", "FieldValueForbidden", "Forbidden: `parameters.scope` is set to 'Cluster'"),
        ["name not a DNS subdomain"] = (c => c.Metadata.Name = "Nginx",
            "metadata.name", "FieldValueInvalid", "Invalid value: \"Nginx\": " + IngressValidationCases.Subdomain),
        ["namespace on a cluster-scoped kind"] = (c => c.Metadata.NamespaceProperty = "default",
            "metadata.namespace", "FieldValueForbidden", "Forbidden: not allowed on this type"),
    };

    private readonly IngressClassStrategy _strategy = new();

    public static IEnumerable<object[]> CaseNames => Cases.Keys.Select(k => new object[] { k });

    public static V1IngressClass Valid() => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "IngressClass",
        Metadata = new V1ObjectMeta { Name = "nginx" },
        Spec = new V1IngressClassSpec { Controller = "k8s.io/ingress-nginx" },
    };

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ValidateCreate_CaseBreakingOneRule_ReturnsExactlyThatCause(string description)
    {
        var (mutate, field, reason, message) = Cases[description];
        var ingressClass = Valid();
        mutate(ingressClass);
        AssertSingleError(Create(_strategy, ingressClass).Errors, field, reason, message);
    }

    [Fact]
    public void ValidateCreate_ValidClassWithNamespacedParameters_HasNoErrors()
    {
        var ingressClass = Valid();
        ingressClass.Spec.Parameters = new V1IngressClassParametersReference
        {
            ApiGroup = "k8s.example.com",
            Kind = "IngressParameters",
            Name = "external-lb",
            Scope = "Namespace",
            NamespaceProperty = "ingress",
        };
        Assert.Empty(Create(_strategy, ingressClass).Errors);
    }

    [Fact]
    public void ValidateCreate_ScopeNotDefaulted_IsRequired()
    {
        var ingressClass = Valid();
        ingressClass.Spec.Parameters = new V1IngressClassParametersReference { Kind = "Params", Name = "lb" };
        var errors = _strategy.ValidateCreate(ingressClass, Context()).ToList();
        AssertSingleError(errors, "spec.parameters.scope", "FieldValueRequired", "Required value");
    }

    [Fact]
    public void ValidateUpdate_ControllerChanged_IsImmutable()
    {
        var stored = Stored(_strategy, Valid());
        var changed = Copy(stored);
        changed.Spec.Controller = "example.com/other";
        AssertSingleError(Update(_strategy, changed, stored).Errors,
            "spec.controller", "FieldValueInvalid", "Invalid value: \"example.com/other\": field is immutable");
    }

    [Fact]
    public void ValidateUpdate_ParametersChanged_IsAllowed()
    {
        var stored = Stored(_strategy, Valid());
        var changed = Copy(stored);
        changed.Spec.Parameters = new V1IngressClassParametersReference { Kind = "Params", Name = "lb" };
        Assert.Empty(Update(_strategy, changed, stored).Errors);
    }

    [Fact]
    public void ValidateUpdate_InvalidParameters_AreStillReported()
    {
        var stored = Stored(_strategy, Valid());
        var changed = Copy(stored);
        changed.Spec.Parameters = new V1IngressClassParametersReference { Name = "lb" };
        Assert.Equal("spec.parameters.kind", Assert.Single(Update(_strategy, changed, stored).Errors).Field);
    }
}
