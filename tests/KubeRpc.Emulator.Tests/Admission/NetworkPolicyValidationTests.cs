using k8s;
using k8s.Models;
using KubeRpc.Emulator.Admission.NetworkPolicies;
using static KubeRpc.Emulator.Tests.Admission.NetworkingStrategyHarness;
using static KubeRpc.Emulator.Tests.Admission.ServiceValidationCases;

namespace KubeRpc.Emulator.Tests.Admission;

/// <summary>NetworkPolicy defaults and validation (k/k <c>pkg/apis/networking/v1/defaults.go</c>, <c>pkg/apis/networking/validation</c>).</summary>
public class NetworkPolicyValidationTests
{
    private static readonly Dictionary<string, (Action<V1NetworkPolicy> Mutate, string Field, string Reason, string Message)> Cases = new()
    {
        ["name not a DNS subdomain"] = (n => n.Metadata.Name = "Allow_All",
            "metadata.name", Invalid, "Invalid value: \"Allow_All\": " + Dns1123SubdomainMessage),
        ["peer without selector or block"] = (n => n.Spec.Ingress[0].FromProperty = [new V1NetworkPolicyPeer()],
            "spec.ingress[0].from[0]", Required, "Required value: must specify a peer"),
        ["ipBlock with a selector"] = (n => n.Spec.Ingress[0].FromProperty[0].IpBlock = new V1IPBlock { Cidr = "10.0.0.0/8" },
            "spec.ingress[0].from[0]", Forbidden, "Forbidden: may not specify both ipBlock and another peer"),
        ["ipBlock without cidr"] = (n => n.Spec.Ingress[0].FromProperty = [new V1NetworkPolicyPeer { IpBlock = new V1IPBlock() }],
            "spec.ingress[0].from[0].ipBlock.cidr", Required, "Required value"),
        ["except outside the cidr"] = (n => n.Spec.Ingress[0].FromProperty = [new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "10.0.0.0/16", Except = ["10.1.0.0/24"] } }],
            "spec.ingress[0].from[0].ipBlock.except[0]", Invalid, "Invalid value: \"10.1.0.0/24\": must be a strict subset of `cidr`"),
        ["except equal to the cidr"] = (n => n.Spec.Ingress[0].FromProperty = [new V1NetworkPolicyPeer { IpBlock = new V1IPBlock { Cidr = "10.0.0.0/16", Except = ["10.0.0.0/16"] } }],
            "spec.ingress[0].from[0].ipBlock.except[0]", Invalid, "Invalid value: \"10.0.0.0/16\": must be a strict subset of `cidr`"),
        ["port protocol HTTP"] = (n => n.Spec.Ingress[0].Ports[0].Protocol = "HTTP",
            "spec.ingress[0].ports[0].protocol", NotSupported, "Unsupported value: \"HTTP\": supported values: \"TCP\", \"UDP\", \"SCTP\""),
        ["port 0"] = (n => n.Spec.Ingress[0].Ports[0].Port = 0,
            "spec.ingress[0].ports[0].port", Invalid, "Invalid value: 0: " + PortRangeMessage),
        ["end port below port"] = (n => n.Spec.Ingress[0].Ports[0].EndPort = 70,
            "spec.ingress[0].ports[0].endPort", Invalid, "Invalid value: 80: must be greater than or equal to `port`"),
        ["end port with a named port"] = (n => { n.Spec.Ingress[0].Ports[0].Port = "http"; n.Spec.Ingress[0].Ports[0].EndPort = 90; },
            "spec.ingress[0].ports[0].endPort", Invalid, "Invalid value: 90: may not be specified when `port` is non-numeric"),
        ["egress peer without anything"] = (n => n.Spec.Egress = [new V1NetworkPolicyEgressRule { To = [new V1NetworkPolicyPeer()] }],
            "spec.egress[0].to[0]", Required, "Required value: must specify a peer"),
        ["unknown policy type"] = (n => n.Spec.PolicyTypes = ["Ingress", "Sideways"],
            "spec.policyTypes[1]", NotSupported, "Unsupported value: \"Sideways\": supported values: \"Ingress\", \"Egress\""),
        ["three policy types"] = (n => n.Spec.PolicyTypes = ["Ingress", "Egress", "Ingress"],
            "spec.policyTypes", Invalid, "Invalid value: []networking.PolicyType{\"Ingress\", \"Egress\", \"Ingress\"}: may not specify more than two policyTypes"),
    };

    private readonly NetworkPolicyStrategy _strategy = new();

    public static IEnumerable<object[]> CaseNames => Cases.Keys.Select(k => new object[] { k });

    public static V1NetworkPolicy Valid() => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Metadata = new V1ObjectMeta { Name = "allow-web", NamespaceProperty = "default" },
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
            Ingress =
            [
                new V1NetworkPolicyIngressRule
                {
                    FromProperty = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["role"] = "client" } } }],
                    Ports = [new V1NetworkPolicyPort { Port = 80 }],
                },
            ],
        },
    };

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ValidateCreate_CaseBreakingOneRule_ReturnsExactlyThatCause(string description)
    {
        var (mutate, field, reason, message) = Cases[description];
        var policy = Valid();
        mutate(policy);

        AssertSingleError(Create(_strategy, policy).Errors, field, reason, message);
    }

    [Fact]
    public void Create_NoPolicyTypes_IngressAndPortProtocolTcp()
    {
        var created = Create(_strategy, Valid());

        Assert.Empty(created.Errors);
        Assert.Equal(["Ingress"], created.Object.Spec.PolicyTypes);
        Assert.Equal("TCP", created.Object.Spec.Ingress[0].Ports[0].Protocol);
        Assert.Equal(1, created.Object.Metadata.Generation);
    }

    [Fact]
    public void Create_EgressRulesWithoutPolicyTypes_IngressAndEgress()
    {
        var policy = Valid();
        policy.Spec.Egress = [new V1NetworkPolicyEgressRule { Ports = [new V1NetworkPolicyPort { Port = 53, Protocol = "UDP" }] }];

        Assert.Equal(["Ingress", "Egress"], Create(_strategy, policy).Object.Spec.PolicyTypes);
    }

    [Fact]
    public void Create_NoSpec_EmptyPodSelectorWritten()
    {
        var policy = new V1NetworkPolicy { Metadata = new V1ObjectMeta { Name = "deny", NamespaceProperty = "default" } };

        var created = Create(_strategy, policy);

        Assert.Empty(created.Errors);
        Assert.Equal("""{"podSelector":{},"policyTypes":["Ingress"]}""", KubernetesJson.Serialize(created.Object.Spec));
    }

    [Fact]
    public void Update_SpecChanged_BumpsGeneration()
    {
        var stored = Stored(_strategy, Valid());
        var changed = Copy(stored);
        changed.Spec.PolicyTypes = ["Egress"];

        Assert.Equal(2, Update(_strategy, changed, stored).Object.Metadata.Generation);
    }
}
