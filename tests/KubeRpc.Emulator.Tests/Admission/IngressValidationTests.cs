using k8s.Models;
using KubeRpc.Emulator.Admission.Ingresses;
using KubeRpc.Machinery.Validation;
using static KubeRpc.Emulator.Tests.Admission.NetworkingStrategyHarness;

namespace KubeRpc.Emulator.Tests.Admission;

public class IngressValidationTests
{
    private readonly IngressStrategy _strategy = new();

    [Theory]
    [MemberData(nameof(IngressValidationCases.Names), MemberType = typeof(IngressValidationCases))]
    public void Validate_CaseBreakingOneRule_ReturnsExactlyThatCause(string description)
    {
        var c = IngressValidationCases.Get(description);
        var errors = Run(c);
        AssertSingleError(errors, c.Field, c.Reason, c.Message);
    }

    [Fact]
    public void Cases_Descriptions_AreUnique()
    {
        var names = IngressValidationCases.All.Select(c => c.Description).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void ValidateCreate_ValidIngress_HasNoErrors()
    {
        Assert.Empty(Create(_strategy, IngressValidationCases.Valid()).Errors);
    }

    [Theory]
    [InlineData("", "ImplementationSpecific")]
    [InlineData("/a//b", "ImplementationSpecific")]
    [InlineData("/", "Exact")]
    [InlineData("/api/v1", "Prefix")]
    public void ValidateCreate_AcceptedPaths_HaveNoErrors(string path, string pathType)
    {
        var ingress = IngressValidationCases.Valid();
        ingress.Spec.Rules[0].Http.Paths[0] = IngressValidationCases.ServicePath(path, pathType);
        Assert.Empty(Create(_strategy, ingress).Errors);
    }

    [Fact]
    public void ValidateCreate_WildcardHostsAndDefaultBackendOnly_HaveNoErrors()
    {
        var ingress = IngressValidationCases.Valid();
        ingress.Spec.Rules[0].Host = "*.example.com";
        ingress.Spec.Tls[0].Hosts = ["*.example.com"];
        ingress.Spec.Tls[0].SecretName = null;
        Assert.Empty(Create(_strategy, ingress).Errors);

        var defaultOnly = IngressValidationCases.Valid();
        defaultOnly.Spec.Rules = null;
        defaultOnly.Spec.DefaultBackend = new V1IngressBackend
        {
            Resource = new V1TypedLocalObjectReference { ApiGroup = "k8s.example.com", Kind = "StorageBucket", Name = "static" },
        };
        Assert.Empty(Create(_strategy, defaultOnly).Errors);
    }

    [Fact]
    public void ValidateCreate_Ipv6Host_ReportsIpThenSubdomain()
    {
        var ingress = IngressValidationCases.Valid();
        ingress.Spec.Rules[0].Host = "2001:db8::1";
        var errors = Create(_strategy, ingress).Errors;
        Assert.Equal(
            [
                "spec.rules[0].host: Invalid value: \"2001:db8::1\": must be a DNS name, not an IP address",
                "spec.rules[0].host: Invalid value: \"2001:db8::1\": " + IngressValidationCases.Subdomain,
            ],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ValidateCreate_PathBreakingSeveralRules_ReportsEachInGoOrder()
    {
        var ingress = IngressValidationCases.Valid();
        ingress.Spec.Rules[0].Http.Paths[0].Path = "a//b/..";
        var errors = Create(_strategy, ingress).Errors;
        const string field = "spec.rules[0].http.paths[0].path";
        Assert.Equal(
            [
                field + ": Invalid value: \"a//b/..\": must be an absolute path",
                field + ": Invalid value: \"a//b/..\": must not contain '//'",
                field + ": Invalid value: \"a//b/..\": cannot end with '/..'",
            ],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ValidateCreate_MissingPathType_SkipsTheBackend()
    {
        var ingress = IngressValidationCases.Valid();
        ingress.Spec.Rules[0].Http.Paths[0] = new V1HTTPIngressPath { Path = "/", Backend = new V1IngressBackend() };
        var error = Assert.Single(Create(_strategy, ingress).Errors);
        Assert.Equal("spec.rules[0].http.paths[0].pathType", error.Field);
    }

    [Fact]
    public void ValidateUpdate_ClassAnnotationDiffersFromClassName_IsAllowed()
    {
        var stored = Stored(_strategy, IngressValidationCases.Valid());
        var changed = Copy(stored);
        changed.Spec.IngressClassName = "nginx";
        changed.Metadata.Annotations = new Dictionary<string, string> { ["kubernetes.io/ingress.class"] = "traefik" };
        Assert.Empty(Update(_strategy, changed, stored).Errors);
    }

    [Fact]
    public void ValidateUpdate_OldObjectHadInvalidSecretName_AllowsInvalidSecretNames()
    {
        var stored = Stored(_strategy, IngressValidationCases.Valid());
        stored.Spec.Tls[0].SecretName = "Legacy_Name";
        var changed = Copy(stored);
        changed.Spec.Tls[0].SecretName = "Other_Name";
        Assert.Empty(Update(_strategy, changed, stored).Errors);

        // Once the old object is clean, the rule applies again.
        var clean = Stored(_strategy, IngressValidationCases.Valid());
        var errors = Update(_strategy, changed, clean).Errors;
        Assert.Equal("spec.tls[0].secretName", Assert.Single(errors).Field);
    }

    [Fact]
    public void ValidateUpdate_OldWildcardRuleWasInvalid_SkipsWildcardRuleValues()
    {
        var stored = Stored(_strategy, IngressValidationCases.Valid());
        stored.Spec.Rules[0].Host = "*.example.com";
        stored.Spec.Rules[0].Http.Paths[0].PathType = "Regex";
        var changed = Copy(stored);
        changed.Spec.Rules[0].Http.Paths[0].Path = "relative";
        Assert.Empty(Update(_strategy, changed, stored).Errors);

        // A rule without a wildcard host is still checked.
        changed.Spec.Rules[0].Host = "example.com";
        Assert.Equal("spec.rules[0].http.paths[0].pathType", Assert.Single(Update(_strategy, changed, stored).Errors).Field);
    }

    [Theory]
    [InlineData("web", false, true)]
    [InlineData("web-", true, true)]
    [InlineData("web-", false, false)]
    [InlineData("Web", false, false)]
    public void ValidateName_DnsSubdomainWithGenerateNamePrefix_MatchesKubernetes(string name, bool prefix, bool valid)
    {
        Assert.Equal(valid, _strategy.ValidateName(name, prefix).Count == 0);
    }

    private List<FieldError> Run(IngressValidationCase c)
    {
        if (c.Operation == IngressCaseOperation.Create)
        {
            var ingress = IngressValidationCases.Valid();
            c.Mutate(ingress);
            return [.. Create(_strategy, ingress).Errors];
        }
        var stored = Stored(_strategy, IngressValidationCases.Valid());
        var changed = Copy(stored);
        c.Mutate(changed);
        return c.Operation == IngressCaseOperation.Update
            ? [.. Update(_strategy, changed, stored).Errors]
            : [.. UpdateStatus(_strategy, changed, stored).Errors];
    }
}
