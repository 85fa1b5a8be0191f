using k8s.Models;
using KubeRpc.Emulator.Admission.PodDisruptionBudgets;
using static KubeRpc.Emulator.Tests.Admission.NetworkingStrategyHarness;
using static KubeRpc.Emulator.Tests.Admission.ServiceValidationCases;

namespace KubeRpc.Emulator.Tests.Admission;

/// <summary>PodDisruptionBudget validation and strategy (k/k <c>pkg/apis/policy/validation</c>, <c>pkg/registry/policy/poddisruptionbudget</c>).</summary>
public class PodDisruptionBudgetValidationTests
{
    private static readonly Dictionary<string, (Action<V1PodDisruptionBudget> Mutate, string Field, string Reason, string Message)> Cases = new()
    {
        ["both bounds set"] = (p => p.Spec.MaxUnavailable = 1,
            "spec", Invalid, "Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000a1b2c0), Selector:(*v1.LabelSelector)(0xc000a1b2c0), "
            + "MaxUnavailable:(*intstr.IntOrString)(0xc000a1b2c0), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}: minAvailable and maxUnavailable cannot be both set"),
        ["negative min available"] = (p => p.Spec.MinAvailable = -1,
            "spec.minAvailable", Invalid, "Invalid value: -1: must be greater than or equal to 0"),
        ["max unavailable above 100%"] = (p => { p.Spec.MinAvailable = null; p.Spec.MaxUnavailable = "101%"; },
            "spec.maxUnavailable", Invalid, "Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"101%\"}: must not be greater than 100%"),
        ["selector with a bad label value"] = (p => p.Spec.Selector.MatchLabels["app"] = "-web",
            "spec.selector.matchLabels", Invalid, "Invalid value: \"-web\": " + LabelValueMessage),
        ["unknown eviction policy"] = (p => p.Spec.UnhealthyPodEvictionPolicy = "Never",
            "spec.unhealthyPodEvictionPolicy", NotSupported, "Unsupported value: \"Never\": supported values: \"AlwaysAllow\", \"IfHealthyBudget\""),
        // Only the generic store's path-segment rule applies to the name, and only once the spec is valid.
        ["name with a slash"] = (p => p.Metadata.Name = "a/b",
            "metadata.name", Invalid, "Invalid value: \"a/b\": may not contain '/'"),
    };

    private readonly PodDisruptionBudgetStrategy _strategy = new();

    public static IEnumerable<object[]> CaseNames => Cases.Keys.Select(k => new object[] { k });

    private static string LabelValueMessage => "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    public static V1PodDisruptionBudget Valid() => new()
    {
        ApiVersion = "policy/v1",
        Kind = "PodDisruptionBudget",
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
        Spec = new V1PodDisruptionBudgetSpec
        {
            MinAvailable = 2,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
        },
    };

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ValidateCreate_CaseBreakingOneRule_ReturnsExactlyThatCause(string description)
    {
        var (mutate, field, reason, message) = Cases[description];
        var budget = Valid();
        mutate(budget);

        AssertSingleError(Create(_strategy, budget).Errors, field, reason, message);
    }

    [Fact]
    public void ValidateCreate_UpperCaseName_IsAllowedLikeKubeApiserver() =>
        Assert.Empty(Create(_strategy, WithName("Web_PDB")).Errors);

    [Fact]
    public void ValidateCreate_BadNameAndBadSpec_ReportsTheSpecOnly()
    {
        var budget = WithName("a/b");
        budget.Spec.MinAvailable = -1;

        AssertSingleError(Create(_strategy, budget).Errors, "spec.minAvailable", Invalid, "Invalid value: -1: must be greater than or equal to 0");
    }

    [Fact]
    public void Create_AnyStatus_ClearedToZeroCountsAndGenerationOne()
    {
        var budget = Valid();
        budget.Status = new V1PodDisruptionBudgetStatus { DisruptionsAllowed = 5 };

        var created = Create(_strategy, budget).Object;

        Assert.Equal((0, 0, 0, 0), (created.Status.DisruptionsAllowed, created.Status.CurrentHealthy, created.Status.DesiredHealthy, created.Status.ExpectedPods));
        Assert.Equal(1, created.Metadata.Generation);
    }

    [Fact]
    public void Update_SpecChanged_BumpsGenerationKeepsStatus()
    {
        var stored = Stored(_strategy, Valid());
        stored.Status.ExpectedPods = 3;
        var changed = Copy(stored);
        changed.Spec.MinAvailable = "50%";
        changed.Status.ExpectedPods = 9;

        var updated = Update(_strategy, changed, stored);

        Assert.Empty(updated.Errors);
        Assert.Equal((2L, 3), (updated.Object.Metadata.Generation, updated.Object.Status.ExpectedPods));
    }

    [Fact]
    public void UpdateStatus_NegativeCount_InvalidAndSpecKept()
    {
        var stored = Stored(_strategy, Valid());
        var changed = Copy(stored);
        changed.Spec.MinAvailable = 9;
        changed.Status.CurrentHealthy = -1;

        var result = UpdateStatus(_strategy, changed, stored);

        Assert.Equal("2", result.Object.Spec.MinAvailable.Value);
        AssertSingleError(result.Errors, "status.currentHealthy", Invalid, "Invalid value: -1: must be greater than or equal to 0");
    }

    private static V1PodDisruptionBudget WithName(string name)
    {
        var budget = Valid();
        budget.Metadata.Name = name;
        return budget;
    }
}
